package dev.kcpim.it.admin;

import static dev.kcpim.it.support.Bodies.HOUR;
import static dev.kcpim.it.support.Bodies.body;
import static dev.kcpim.it.support.Bodies.now;
import static dev.kcpim.it.support.JsonNodes.find;
import static dev.kcpim.it.support.JsonNodes.id;
import static dev.kcpim.it.support.JsonNodes.ids;
import static dev.kcpim.it.support.RealmObjects.effectiveRealmRoles;
import static dev.kcpim.it.support.RealmObjects.realmRole;
import static dev.kcpim.it.support.RealmObjects.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.AdminUsers;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.PimAdminApi;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * Who may call the admin API at {@code /admin/realms/{realm}/pim}: 401 without a valid token, 403
 * for a plain user, reads for {@code view-users}, grants for {@code manage-users}, everything for
 * {@code realm-admin} and the master admin. Every endpoint of the contract is called on a fresh fixture.
 */
class AdminPermissionsIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    static final AdminUsers admins = new AdminUsers(realm);
    static final PimAdminApi pim = admins.api();

    private record Call(String method, String path, Object body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** One user with an eligibility (role {@code eligibleRole}) and an ACTIVE assignment (role {@code assignedRole}). */
    private record Fixture(TestUser target, RoleRepresentation eligibleRole, RoleRepresentation assignedRole,
                           RoleRepresentation freeRole, String eligibilityId, String requestId, JsonNode policyBefore) {
    }

    @Test
    void everyAdminEndpointWithoutOrWithAnInvalidTokenIs401() {
        Fixture f = fixture();
        String tampered = admins.admin().substring(0, admins.admin().length() - 4) + "AAAA";
        assertSoftly(soft -> {
            for (Call call : endpoints(f)) {
                soft.assertThat(call(call, null).status()).as("no token: " + call).isEqualTo(401);
                soft.assertThat(call(call, "not-a-token").status()).as("garbage token: " + call).isEqualTo(401);
                soft.assertThat(call(call, tampered).status()).as("bad signature: " + call).isEqualTo(401);
            }
        });
        assertFixtureUnchanged(f);
    }

    @Test
    void plainUserGets403OnEveryAdminEndpointAndNothingChanges() {
        Fixture f = fixture();
        assertSoftly(soft -> {
            for (Call call : endpoints(f)) {
                Http.Response response = call(call, admins.token(admins.plainUser()));
                soft.assertThat(response.status()).as(call + " -> " + response).isEqualTo(403);
                soft.assertThat(response.error()).as(call + " -> " + response).isEqualTo("forbidden");
            }
        });
        assertFixtureUnchanged(f);
    }

    @Test
    void viewUsersCanReadButGets403ForbiddenOnEveryChange() {
        Fixture f = fixture();
        assertSoftly(soft -> {
            for (Call call : endpoints(f)) {
                Http.Response response = call(call, admins.token(admins.viewer()));
                if (call.method().equals("GET")) {
                    soft.assertThat(response.status()).as(call + " -> " + response).isEqualTo(200);
                } else {
                    soft.assertThat(response.status()).as(call + " -> " + response).isEqualTo(403);
                    soft.assertThat(response.error()).as(call + " -> " + response).isEqualTo("forbidden");
                }
            }
        });
        assertFixtureUnchanged(f);
    }

    @Test
    void manageUsersCanChangeGrantsButNotPolicies() {
        Fixture f = fixture();
        String token = admins.token(admins.manager());

        Http.Response putPolicy = pim.put(token, "/policies/" + f.eligibleRole().getId(), body("maxActivationSeconds", 600));
        assertThat(putPolicy.status()).as(putPolicy.toString()).isEqualTo(403);
        assertThat(putPolicy.error()).isEqualTo("forbidden");
        assertThat(pim.get(admins.admin(), "/policies/" + f.eligibleRole().getId()).json()).isEqualTo(f.policyBefore());

        for (String path : List.of("/policies", "/policies/" + f.eligibleRole().getId(), "/eligibilities", "/requests", "/audit")) {
            assertThat(pim.get(token, path).status()).as("GET " + path).isEqualTo(200);
        }
        Http.Response eligibility = pim.post(token, "/eligibilities",
                body("principalType", "USER", "principalId", f.target().id(), "roleId", f.freeRole().getId()));
        assertThat(eligibility.status()).as(eligibility.toString()).isEqualTo(201);
        Http.Response revoke = pim.post(token, "/requests/" + f.requestId() + "/revoke", body("reason", "by manager"));
        assertThat(revoke.status()).as(revoke.toString()).isEqualTo(200);
        assertThat(revoke.json().path("status").asText()).isEqualTo("REVOKED");
        Http.Response assignment = pim.post(token, "/assignments",
                body("userId", f.target().id(), "roleId", f.freeRole().getId(), "endsAt", now() + HOUR));
        assertThat(assignment.status()).as(assignment.toString()).isEqualTo(201);
        Http.Response delete = pim.delete(token, "/eligibilities/" + f.eligibilityId());
        assertThat(delete.status()).as(delete.toString()).isEqualTo(204);
    }

    @Test
    void realmAdminCanUseEveryEndpoint() {
        Fixture f = fixture();
        assertEveryEndpointSucceeds(f, admins.token(admins.realmAdmin()));
    }

    @Test
    void masterAdminCanUseEveryEndpointAndIsTheAuditedActor() {
        Fixture f = fixture();
        assertEveryEndpointSucceeds(f, realm.server().adminToken());

        JsonNode entry = find(pim.get(admins.admin(), "/audit?action=ELIGIBILITY_CREATED&userId=" + f.target().id()).json(),
                e -> e.path("roleId").asText().equals(f.freeRole().getId()));
        assertThat(entry.path("actor").path("username").asText()).isEqualTo("admin");
        String masterAdminId = realm.server().admin().realm("master").users().search("admin", true).get(0).getId();
        assertThat(entry.path("actor").path("id").asText()).isEqualTo(masterAdminId);
    }

    @Test
    void permissionIsCheckedBeforeAnyInput() {
        // authentication -> permission first: an unauthorised caller learns nothing about ids or bodies
        String viewer = admins.token(admins.viewer());
        Http.Response malformed = pim.post(viewer, "/eligibilities", "{not json");
        assertThat(malformed.status()).as(malformed.toString()).isEqualTo(403);
        Http.Response unknownRequest = pim.post(viewer, "/requests/" + UUID.randomUUID() + "/revoke", body("reason", "x"));
        assertThat(unknownRequest.status()).as(unknownRequest.toString()).isEqualTo(403);
        Http.Response unknownRole = pim.put(admins.token(admins.manager()), "/policies/" + UUID.randomUUID(), body("maxActivationSeconds", 600));
        assertThat(unknownRole.status()).as(unknownRole.toString()).isEqualTo(403);
        Http.Response badPaging = pim.get(admins.token(admins.plainUser()), "/eligibilities?first=-1");
        assertThat(badPaging.status()).as(badPaging.toString()).isEqualTo(403);
        Http.Response unknownEligibility = pim.delete(viewer, "/eligibilities/" + UUID.randomUUID());
        assertThat(unknownEligibility.status()).as(unknownEligibility.toString()).isEqualTo(403);
    }

    // ------------------------------------------------------------------ helpers: permission fixture

    private static Fixture fixture() {
        TestUser target = realm.createUser(unique("target"));
        RoleRepresentation eligibleRole = realmRole(realm, "fx-elig");
        RoleRepresentation assignedRole = realmRole(realm, "fx-assign");
        RoleRepresentation freeRole = realmRole(realm, "fx-free");
        String eligibilityId = id(pim.createEligibility(body("principalType", "USER", "principalId", target.id(), "roleId", eligibleRole.getId())));
        String requestId = id(pim.assign(target, assignedRole, now() + HOUR));
        JsonNode policyBefore = pim.get(admins.admin(), "/policies/" + eligibleRole.getId()).json();
        return new Fixture(target, eligibleRole, assignedRole, freeRole, eligibilityId, requestId, policyBefore);
    }

    /** Every admin endpoint of the contract, with valid input that would change the fixture if allowed. */
    private static List<Call> endpoints(Fixture f) {
        return List.of(
                new Call("GET", "/policies", null),
                new Call("GET", "/policies/" + f.eligibleRole().getId(), null),
                new Call("PUT", "/policies/" + f.eligibleRole().getId(), body("maxActivationSeconds", 600, "requireOtp", false)),
                new Call("GET", "/eligibilities", null),
                new Call("POST", "/eligibilities", body("principalType", "USER", "principalId", f.target().id(), "roleId", f.freeRole().getId())),
                new Call("DELETE", "/eligibilities/" + f.eligibilityId(), null),
                new Call("POST", "/assignments", body("userId", f.target().id(), "roleId", f.freeRole().getId(), "endsAt", now() + HOUR)),
                new Call("GET", "/requests", null),
                new Call("POST", "/requests/" + f.requestId() + "/revoke", body("reason", "permission check")),
                new Call("GET", "/roles", null),
                new Call("GET", "/audit", null));
    }

    private static void assertFixtureUnchanged(Fixture f) {
        String admin = admins.admin();
        assertThat(pim.get(admin, "/policies/" + f.eligibleRole().getId()).json()).isEqualTo(f.policyBefore());
        assertThat(ids(pim.get(admin, "/eligibilities?userId=" + f.target().id()).json())).containsExactly(f.eligibilityId());
        JsonNode requests = pim.get(admin, "/requests?userId=" + f.target().id()).json();
        assertThat(ids(requests)).containsExactly(f.requestId());
        assertThat(requests.get(0).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(effectiveRealmRoles(realm, f.target().id())).contains(f.assignedRole().getName()).doesNotContain(f.freeRole().getName());
    }

    /** Calls every endpoint (all of them, even after a failure) and checks that each call had its effect. */
    private static void assertEveryEndpointSucceeds(Fixture f, String token) {
        assertSoftly(soft -> {
            for (Call call : endpoints(f)) {
                Http.Response response = call(call, token);
                int expected = switch (call.method()) {
                    case "DELETE" -> 204;
                    case "POST" -> call.path().endsWith("/revoke") ? 200 : 201;
                    default -> 200;
                };
                soft.assertThat(response.status()).as(call + " -> " + response).isEqualTo(expected);
            }
            soft.assertThat(pim.get(admins.admin(), "/policies/" + f.eligibleRole().getId()).json().path("maxActivationSeconds").asInt())
                    .as("policy after PUT").isEqualTo(600);
            soft.assertThat(ids(pim.get(admins.admin(), "/eligibilities?userId=" + f.target().id()).json()))
                    .as("eligibilities after POST and DELETE").doesNotContain(f.eligibilityId()).hasSize(1);
            soft.assertThat(effectiveRealmRoles(realm, f.target().id())).as("mappings after assignment and revocation")
                    .contains(f.freeRole().getName()).doesNotContain(f.assignedRole().getName());
        });
    }

    private static Http.Response call(Call call, String token) {
        return pim.call(call.method(), call.path(), call.body(), token);
    }
}
