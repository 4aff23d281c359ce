package dev.kcpim.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * The admin API at {@code /admin/realms/{realm}/pim} as the README's API reference describes it:
 * permissions, policies, eligibilities, assignments, requests, audit, admin events and kcadm.sh.
 * Every test makes its own roles, groups and users, so the tests share the realm but not data.
 */
class AdminApiIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();
    @RegisterExtension
    static final TestRealm otherRealm = new TestRealm();

    private static final long HOUR = 3_600_000L;
    private static final long CLOCK_SLACK_MS = 2_000L;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Map<String, CachedToken> TOKENS = new ConcurrentHashMap<>();

    static TestUser plainUser;
    static TestUser viewer;
    static TestUser manager;
    static TestUser realmAdmin;

    private record CachedToken(String token, long obtainedAt) {
    }

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

    @BeforeAll
    static void users() {
        plainUser = realm.createUser("plain");
        viewer = realm.createUser("viewer");
        manager = realm.createUser("manager");
        realmAdmin = realm.createUser("realm-admin");
        grantRealmManagement(viewer, "view-users");
        grantRealmManagement(manager, "manage-users", "view-users");
        grantRealmManagement(realmAdmin, "realm-admin");
    }

    // ------------------------------------------------------------------ permissions

    @Test
    void everyAdminEndpointWithoutOrWithAnInvalidTokenIs401() {
        Fixture f = fixture();
        String tampered = admin().substring(0, admin().length() - 4) + "AAAA";
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
                Http.Response response = call(call, token(plainUser));
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
                Http.Response response = call(call, token(viewer));
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
        String token = token(manager);

        Http.Response putPolicy = put(token, "/policies/" + f.eligibleRole().getId(), body("maxActivationSeconds", 600));
        assertThat(putPolicy.status()).as(putPolicy.toString()).isEqualTo(403);
        assertThat(putPolicy.error()).isEqualTo("forbidden");
        assertThat(get(admin(), "/policies/" + f.eligibleRole().getId()).json()).isEqualTo(f.policyBefore());

        for (String path : List.of("/policies", "/policies/" + f.eligibleRole().getId(), "/eligibilities", "/requests", "/audit")) {
            assertThat(get(token, path).status()).as("GET " + path).isEqualTo(200);
        }
        Http.Response eligibility = post(token, "/eligibilities",
                body("principalType", "USER", "principalId", f.target().id(), "roleId", f.freeRole().getId()));
        assertThat(eligibility.status()).as(eligibility.toString()).isEqualTo(201);
        Http.Response revoke = post(token, "/requests/" + f.requestId() + "/revoke", body("reason", "by manager"));
        assertThat(revoke.status()).as(revoke.toString()).isEqualTo(200);
        assertThat(revoke.json().path("status").asText()).isEqualTo("REVOKED");
        Http.Response assignment = post(token, "/assignments",
                body("userId", f.target().id(), "roleId", f.freeRole().getId(), "endsAt", now() + HOUR));
        assertThat(assignment.status()).as(assignment.toString()).isEqualTo(201);
        Http.Response delete = delete(token, "/eligibilities/" + f.eligibilityId());
        assertThat(delete.status()).as(delete.toString()).isEqualTo(204);
    }

    @Test
    void realmAdminCanUseEveryEndpoint() {
        Fixture f = fixture();
        assertEveryEndpointSucceeds(f, token(realmAdmin));
    }

    @Test
    void masterAdminCanUseEveryEndpointAndIsTheAuditedActor() {
        Fixture f = fixture();
        assertEveryEndpointSucceeds(f, realm.server().adminToken());

        JsonNode entry = find(get(admin(), "/audit?action=ELIGIBILITY_CREATED&userId=" + f.target().id()).json(),
                e -> e.path("roleId").asText().equals(f.freeRole().getId()));
        assertThat(entry.path("actor").path("username").asText()).isEqualTo("admin");
        String masterAdminId = realm.server().admin().realm("master").users().search("admin", true).get(0).getId();
        assertThat(entry.path("actor").path("id").asText()).isEqualTo(masterAdminId);
    }

    @Test
    void permissionIsCheckedBeforeAnyInput() {
        // authentication -> permission first: an unauthorised caller learns nothing about ids or bodies
        Http.Response malformed = post(token(viewer), "/eligibilities", "{not json");
        assertThat(malformed.status()).as(malformed.toString()).isEqualTo(403);
        Http.Response unknownRequest = post(token(viewer), "/requests/" + UUID.randomUUID() + "/revoke", body("reason", "x"));
        assertThat(unknownRequest.status()).as(unknownRequest.toString()).isEqualTo(403);
        Http.Response unknownRole = put(token(manager), "/policies/" + UUID.randomUUID(), body("maxActivationSeconds", 600));
        assertThat(unknownRole.status()).as(unknownRole.toString()).isEqualTo(403);
        Http.Response badPaging = get(token(plainUser), "/eligibilities?first=-1");
        assertThat(badPaging.status()).as(badPaging.toString()).isEqualTo(403);
        Http.Response unknownEligibility = delete(token(viewer), "/eligibilities/" + UUID.randomUUID());
        assertThat(unknownEligibility.status()).as(unknownEligibility.toString()).isEqualTo(403);
    }

    // ------------------------------------------------------------------ policies

    @Test
    void policyOfRoleWithoutStoredPolicyHasTheContractDefaults() {
        RoleRepresentation role = realmRole("defaults");

        Http.Response response = get(admin(), "/policies/" + role.getId());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode policy = response.json();
        assertRole(policy.path("role"), role, null);
        assertPolicy(policy, defaultPolicy());
    }

    @Test
    void putPolicyUpdatesItAndGetReadsItBack() {
        RoleRepresentation role = realmRole("put");
        TestUser approver = realm.createUser(unique("approver"));
        String group = group(unique("approvers"));
        RoleRepresentation approverRole = realmRole("approver-role");
        Map<String, Object> policy = body(
                "maxActivationSeconds", 3600, "requireOtp", false, "requireJustification", false,
                "justificationPattern", "^[A-Z]+-[0-9]+ .*", "requireTicket", true, "requireApproval", true,
                "approvers", body("users", List.of(approver.id()), "groups", List.of(group), "roles", List.of(approverRole.getId())),
                "minApprovals", 2, "approvalTimeoutSeconds", 7200, "allowPermanentEligibility", false,
                "maxEligibilitySeconds", 604800);

        Http.Response response = put(admin(), "/policies/" + role.getId(), policy);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertRole(response.json().path("role"), role, null);
        assertPolicy(response.json(), policy);
        JsonNode read = get(admin(), "/policies/" + role.getId()).json();
        assertRole(read.path("role"), role, null);
        assertPolicy(read, policy);
        assertThat(find(get(admin(), "/policies").json(), p -> p.path("role").path("id").asText().equals(role.getId()))
                .path("maxActivationSeconds").asInt()).isEqualTo(3600);
    }

    @Test
    void putIsFullReplacementSoFieldsLeftOutTakeTheDefaults() {
        RoleRepresentation role = realmRole("replace");
        putPolicy(role.getId(), body("maxActivationSeconds", 3600, "requireOtp", false, "requireJustification", false,
                "justificationPattern", "INC-.*", "requireTicket", true, "allowPermanentEligibility", false,
                "maxEligibilitySeconds", 86400, "approvalTimeoutSeconds", 600));

        Http.Response response = put(admin(), "/policies/" + role.getId(), body("maxActivationSeconds", 600));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        Map<String, Object> expected = defaultPolicy();
        expected.put("maxActivationSeconds", 600);
        assertPolicy(response.json(), expected);
        assertPolicy(get(admin(), "/policies/" + role.getId()).json(), expected);
    }

    @Test
    void clientRolePolicyCarriesTheClientId() {
        String clientId = unique("app");
        String clientUuid = createClient(realm, clientId);
        RoleRepresentation role = clientRole(realm, clientUuid, "client-admin");

        Http.Response defaults = get(admin(), "/policies/" + role.getId());
        assertThat(defaults.status()).as(defaults.toString()).isEqualTo(200);
        assertRole(defaults.json().path("role"), role, clientId);

        Http.Response updated = put(admin(), "/policies/" + role.getId(), body("maxActivationSeconds", 1200, "requireOtp", false));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertRole(updated.json().path("role"), role, clientId);
        JsonNode read = get(admin(), "/policies/" + role.getId()).json();
        assertRole(read.path("role"), role, clientId);
        assertThat(read.path("maxActivationSeconds").asInt()).isEqualTo(1200);
        assertThat(read.path("requireOtp").asBoolean()).isFalse();
    }

    @Test
    void maxActivationSecondsOutOfBoundsIs400AndChangesNothing() {
        RoleRepresentation role = realmRole("bounds");
        JsonNode before = get(admin(), "/policies/" + role.getId()).json();

        for (int outOfBounds : new int[]{59, 2_592_001, 0, -1}) {
            Http.Response response = put(admin(), "/policies/" + role.getId(), body("maxActivationSeconds", outOfBounds));
            assertThat(response.status()).as(outOfBounds + " -> " + response).isEqualTo(400);
            assertThat(response.error()).isEqualTo("invalid_request");
        }
        assertThat(get(admin(), "/policies/" + role.getId()).json()).isEqualTo(before);
    }

    @Test
    void maxActivationSecondsBoundsAreInclusive() {
        RoleRepresentation role = realmRole("inclusive");
        assertThat(putPolicy(role.getId(), body("maxActivationSeconds", 60)).path("maxActivationSeconds").asInt()).isEqualTo(60);
        assertThat(putPolicy(role.getId(), body("maxActivationSeconds", 2_592_000)).path("maxActivationSeconds").asInt())
                .isEqualTo(2_592_000);
    }

    @Test
    void invalidJustificationPatternIs400AndChangesNothing() {
        RoleRepresentation role = realmRole("regex");
        JsonNode before = get(admin(), "/policies/" + role.getId()).json();

        Http.Response response = put(admin(), "/policies/" + role.getId(), body("maxActivationSeconds", 1800, "justificationPattern", "([a-z"));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("invalid_request");
        assertThat(get(admin(), "/policies/" + role.getId()).json()).isEqualTo(before);
    }

    @Test
    void unknownRoleIdIs404() {
        String unknown = UUID.randomUUID().toString();

        Http.Response read = get(admin(), "/policies/" + unknown);
        assertThat(read.status()).as(read.toString()).isEqualTo(404);
        assertThat(read.error()).isEqualTo("not_found");
        Http.Response write = put(admin(), "/policies/" + unknown, body("maxActivationSeconds", 600));
        assertThat(write.status()).as(write.toString()).isEqualTo(404);
        assertThat(write.error()).isEqualTo("not_found");
    }

    @Test
    void roleOfAnotherRealmIs404AndItsPolicyIsUntouched() {
        RoleRepresentation foreign = realmRole(otherRealm, "foreign");

        Http.Response read = get(admin(), "/policies/" + foreign.getId());
        assertThat(read.status()).as(read.toString()).isEqualTo(404);
        assertThat(read.error()).isEqualTo("not_found");
        Http.Response write = put(admin(), "/policies/" + foreign.getId(), body("maxActivationSeconds", 600));
        assertThat(write.status()).as(write.toString()).isEqualTo(404);
        assertThat(write.error()).isEqualTo("not_found");

        Http.Response own = Http.get(otherRealm.adminUrl("/pim/policies/" + foreign.getId()), realm.server().adminToken());
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertPolicy(own.json(), defaultPolicy());
    }

    @Test
    void malformedPolicyJsonIs400AndChangesNothing() {
        RoleRepresentation role = realmRole("malformed");
        JsonNode before = get(admin(), "/policies/" + role.getId()).json();

        for (String malformed : List.of("{\"maxActivationSeconds\": ", "not json", "{\"maxActivationSeconds\": \"lots\"}")) {
            Http.Response response = put(admin(), "/policies/" + role.getId(), malformed);
            assertThat(response.status()).as(malformed + " -> " + response).isEqualTo(400);
            assertThat(response.error()).as(malformed).isEqualTo("invalid_request");
        }
        assertThat(get(admin(), "/policies/" + role.getId()).json()).isEqualTo(before);
    }

    @Test
    void approverUserNotInTheRealmIs400AndChangesNothing() {
        RoleRepresentation role = realmRole("approver-check");
        JsonNode before = get(admin(), "/policies/" + role.getId()).json();
        TestUser stranger = otherRealm.createUser(unique("stranger"));

        for (String userId : List.of(UUID.randomUUID().toString(), stranger.id())) {
            Http.Response response = put(admin(), "/policies/" + role.getId(), body("maxActivationSeconds", 900, "requireApproval", true,
                    "approvers", body("users", List.of(userId), "groups", List.of(), "roles", List.of())));
            assertThat(response.status()).as(userId + " -> " + response).isEqualTo(400);
            assertThat(response.error()).isEqualTo("invalid_request");
        }
        assertThat(get(admin(), "/policies/" + role.getId()).json()).isEqualTo(before);
    }

    // ------------------------------------------------------------------ eligibilities

    @Test
    void userEligibilityByPrincipalIdAndRoleId() {
        TestUser user = realm.createUser(unique("elig-id"));
        RoleRepresentation role = realmRole("elig-id");
        long before = now();

        Http.Response response = post(admin(), "/eligibilities", body("principalType", "USER", "principalId", user.id(),
                "roleId", role.getId(), "justification", "on call rota"));

        long after = now();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode e = response.json();
        assertThat(e.path("id").asText()).isNotBlank();
        assertPrincipal(e.path("principal"), "USER", user.id(), user.username());
        assertRole(e.path("role"), role, null);
        assertThat(e.path("startsAt").asLong()).isBetween(before - CLOCK_SLACK_MS, after + CLOCK_SLACK_MS);
        assertNullField(e, "endsAt");
        assertThat(e.path("createdBy").asText()).isIn(realmAdmin.id(), realmAdmin.username());
        assertThat(e.path("createdAt").asLong()).isBetween(before - CLOCK_SLACK_MS, after + CLOCK_SLACK_MS);
        assertThat(e.path("justification").asText()).isEqualTo("on call rota");
        assertThat(e.path("state").asText()).isEqualTo("ELIGIBLE");
        assertThat(ids(get(admin(), "/eligibilities?userId=" + user.id()).json())).containsExactly(e.path("id").asText());
    }

    @Test
    void userEligibilityByUsernameAndRoleName() {
        TestUser user = realm.createUser(unique("elig-name"));
        RoleRepresentation role = realmRole("elig-name");
        long endsAt = now() + 24 * HOUR;

        Http.Response response = post(admin(), "/eligibilities", body("principalType", "USER", "username", user.username(),
                "roleName", role.getName(), "endsAt", endsAt, "someFieldNobodyKnows", "is ignored"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode e = response.json();
        assertPrincipal(e.path("principal"), "USER", user.id(), user.username());
        assertRole(e.path("role"), role, null);
        assertThat(e.path("endsAt").asLong()).isEqualTo(endsAt);
        assertThat(e.path("state").asText()).isEqualTo("ELIGIBLE");
    }

    @Test
    void groupEligibilityByPrincipalId() {
        String name = unique("grp");
        String groupId = group(name);
        RoleRepresentation role = realmRole("grp-elig");

        Http.Response response = post(admin(), "/eligibilities", body("principalType", "GROUP", "principalId", groupId,
                "roleId", role.getId()));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertPrincipal(response.json().path("principal"), "GROUP", groupId, "/" + name);
        assertRole(response.json().path("role"), role, null);
        assertThat(response.json().path("state").asText()).isEqualTo("ELIGIBLE");
    }

    @Test
    void subgroupEligibilityByGroupPathForAClientRole() {
        String parent = unique("parent");
        String child = unique("child");
        String childId = subGroup(group(parent), child);
        String clientId = unique("app");
        RoleRepresentation role = clientRole(realm, createClient(realm, clientId), "operator");

        Http.Response response = post(admin(), "/eligibilities", body("principalType", "GROUP", "groupPath", "/" + parent + "/" + child,
                "clientId", clientId, "roleName", role.getName()));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertPrincipal(response.json().path("principal"), "GROUP", childId, "/" + parent + "/" + child);
        assertRole(response.json().path("role"), role, clientId);
    }

    @Test
    void futureStartsAtGivesStateFuture() {
        TestUser user = realm.createUser(unique("future"));
        RoleRepresentation role = realmRole("future");
        long startsAt = now() + HOUR;

        Http.Response response = post(admin(), "/eligibilities", body("principalType", "USER", "principalId", user.id(),
                "roleId", role.getId(), "startsAt", startsAt, "endsAt", startsAt + HOUR));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().path("startsAt").asLong()).isEqualTo(startsAt);
        assertThat(response.json().path("state").asText()).isEqualTo("FUTURE");
    }

    @Test
    void eligibilityPastItsEndIsExpired() throws InterruptedException {
        TestUser user = realm.createUser(unique("expiring"));
        RoleRepresentation role = realmRole("expiring");
        JsonNode e = createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", role.getId(),
                "endsAt", now() + 1500));

        Thread.sleep(2500);

        assertThat(find(get(admin(), "/eligibilities?userId=" + user.id()).json(), x -> x.path("id").asText().equals(e.path("id").asText()))
                .path("state").asText()).isEqualTo("EXPIRED");
        assertThat(ids(get(admin(), "/eligibilities?userId=" + user.id() + "&state=EXPIRED").json())).containsExactly(e.path("id").asText());
        assertThat(ids(get(admin(), "/eligibilities?userId=" + user.id() + "&state=ELIGIBLE").json())).isEmpty();
    }

    @Test
    void missingOrUnknownPrincipalTypeIs400() {
        TestUser user = realm.createUser(unique("ptype"));
        RoleRepresentation role = realmRole("ptype");

        for (Object type : new Object[]{null, "ROBOT", ""}) {
            Map<String, Object> body = body("principalId", user.id(), "roleId", role.getId());
            if (type != null) {
                body.put("principalType", type);
            }
            Http.Response response = post(admin(), "/eligibilities", body);
            assertThat(response.status()).as(type + " -> " + response).isEqualTo(400);
            assertThat(response.error()).isEqualTo("invalid_request");
        }
        assertThat(get(admin(), "/eligibilities?userId=" + user.id()).json()).isEmpty();
    }

    @Test
    void unknownUserGroupOrRoleIs404() {
        TestUser user = realm.createUser(unique("unknown"));
        RoleRepresentation role = realmRole("unknown");
        TestUser stranger = otherRealm.createUser(unique("stranger"));
        RoleRepresentation foreignRole = realmRole(otherRealm, "foreign");
        String random = UUID.randomUUID().toString();

        List<Map<String, Object>> bodies = List.of(
                body("principalType", "USER", "principalId", random, "roleId", role.getId()),
                body("principalType", "USER", "principalId", stranger.id(), "roleId", role.getId()),
                body("principalType", "USER", "username", "nobody-" + random, "roleId", role.getId()),
                body("principalType", "GROUP", "principalId", random, "roleId", role.getId()),
                body("principalType", "GROUP", "groupPath", "/no-such-group-" + random, "roleId", role.getId()),
                body("principalType", "USER", "principalId", user.id(), "roleId", random),
                body("principalType", "USER", "principalId", user.id(), "roleId", foreignRole.getId()),
                body("principalType", "USER", "principalId", user.id(), "roleName", "no-such-role-" + random),
                body("principalType", "USER", "principalId", user.id(), "clientId", "no-such-client-" + random, "roleName", role.getName()),
                body("principalType", "USER", "principalId", user.id(), "clientId", TestRealm.TEST_CLIENT, "roleName", role.getName()));
        for (Map<String, Object> body : bodies) {
            Http.Response response = post(admin(), "/eligibilities", body);
            assertThat(response.status()).as(body + " -> " + response).isEqualTo(404);
            assertThat(response.error()).as(body.toString()).isEqualTo("not_found");
        }
        assertThat(get(admin(), "/eligibilities?userId=" + user.id()).json()).isEmpty();
        assertThat(get(admin(), "/eligibilities?roleId=" + role.getId()).json()).isEmpty();
    }

    @Test
    void endsAtNotAfterStartsAtIs400() {
        TestUser user = realm.createUser(unique("window"));
        RoleRepresentation role = realmRole("window");
        long start = now() + HOUR;

        for (long end : new long[]{start - 60_000, start}) {
            Http.Response response = post(admin(), "/eligibilities", body("principalType", "USER", "principalId", user.id(),
                    "roleId", role.getId(), "startsAt", start, "endsAt", end));
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.error()).isEqualTo("invalid_request");
        }
        assertThat(get(admin(), "/eligibilities?userId=" + user.id()).json()).isEmpty();
    }

    @Test
    void permanentEligibilityIs400WhenThePolicyForbidsIt() {
        TestUser user = realm.createUser(unique("permanent"));
        RoleRepresentation role = realmRole("permanent");
        putPolicy(role.getId(), body("allowPermanentEligibility", false));

        Http.Response permanent = post(admin(), "/eligibilities", body("principalType", "USER", "principalId", user.id(),
                "roleId", role.getId()));

        assertThat(permanent.status()).as(permanent.toString()).isEqualTo(400);
        assertThat(permanent.error()).isEqualTo("invalid_request");
        assertThat(get(admin(), "/eligibilities?userId=" + user.id()).json()).isEmpty();
        Http.Response bounded = post(admin(), "/eligibilities", body("principalType", "USER", "principalId", user.id(),
                "roleId", role.getId(), "endsAt", now() + HOUR));
        assertThat(bounded.status()).as(bounded.toString()).isEqualTo(201);
    }

    @Test
    void eligibilityLongerThanMaxEligibilitySecondsIs400() {
        TestUser user = realm.createUser(unique("maxelig"));
        RoleRepresentation role = realmRole("maxelig");
        putPolicy(role.getId(), body("maxEligibilitySeconds", 3600));

        Http.Response tooLong = post(admin(), "/eligibilities", body("principalType", "USER", "principalId", user.id(),
                "roleId", role.getId(), "endsAt", now() + 2 * HOUR));

        assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(400);
        assertThat(tooLong.error()).isEqualTo("invalid_request");
        assertThat(get(admin(), "/eligibilities?userId=" + user.id()).json()).isEmpty();
        Http.Response fits = post(admin(), "/eligibilities", body("principalType", "USER", "principalId", user.id(),
                "roleId", role.getId(), "endsAt", now() + HOUR / 2));
        assertThat(fits.status()).as(fits.toString()).isEqualTo(201);
    }

    @Test
    void overlappingDuplicateIs409Conflict() {
        TestUser user = realm.createUser(unique("overlap"));
        RoleRepresentation role = realmRole("overlap");
        long now = now();
        JsonNode first = createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", role.getId(),
                "endsAt", now + HOUR));

        for (Map<String, Object> body : List.of(
                body("principalType", "USER", "principalId", user.id(), "roleId", role.getId(), "endsAt", now + HOUR),
                body("principalType", "USER", "username", user.username(), "roleName", role.getName(),
                        "startsAt", now + HOUR / 2, "endsAt", now + 2 * HOUR),
                body("principalType", "USER", "principalId", user.id(), "roleId", role.getId()))) {
            Http.Response response = post(admin(), "/eligibilities", body);
            assertThat(response.status()).as(body + " -> " + response).isEqualTo(409);
            assertThat(response.error()).isEqualTo("conflict");
        }
        assertThat(ids(get(admin(), "/eligibilities?userId=" + user.id()).json())).containsExactly(first.path("id").asText());

        Http.Response later = post(admin(), "/eligibilities", body("principalType", "USER", "principalId", user.id(),
                "roleId", role.getId(), "startsAt", now + 2 * HOUR, "endsAt", now + 3 * HOUR));
        assertThat(later.status()).as("one current (not ended) eligibility per principal and role, even when the windows do not overlap: "
                + later).isEqualTo(409);
        assertThat(later.json().path("error_description").asText()).contains("PATCH");
    }

    @Test
    void justificationOfMoreThan1000CharactersIs400() {
        TestUser user = realm.createUser(unique("longjust"));
        RoleRepresentation role = realmRole("longjust");

        Http.Response tooLong = post(admin(), "/eligibilities", body("principalType", "USER", "principalId", user.id(),
                "roleId", role.getId(), "justification", "x".repeat(1001)));

        assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(400);
        assertThat(tooLong.error()).isEqualTo("invalid_request");
        assertThat(get(admin(), "/eligibilities?userId=" + user.id()).json()).isEmpty();
        Http.Response exactly1000 = post(admin(), "/eligibilities", body("principalType", "USER", "principalId", user.id(),
                "roleId", role.getId(), "justification", "x".repeat(1000)));
        assertThat(exactly1000.status()).as(exactly1000.toString()).isEqualTo(201);
        assertThat(exactly1000.json().path("justification").asText()).hasSize(1000);
    }

    @Test
    void malformedEligibilityJsonIs400() {
        Http.Response response = post(admin(), "/eligibilities", "{\"principalType\": \"USER\",");
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("invalid_request");
    }

    @Test
    void listFiltersByRoleUserAndStateAndIncludesGroupEligibilitiesOfTheUser() {
        RoleRepresentation roleA = realmRole("filter-a");
        RoleRepresentation roleB = realmRole("filter-b");
        TestUser user = realm.createUser(unique("filter-u"));
        TestUser other = realm.createUser(unique("filter-v"));
        String parentName = unique("filter-parent");
        String parentId = group(parentName);
        String childId = subGroup(parentId, unique("filter-child"));
        realm.resource().users().get(user.id()).joinGroup(childId);

        String userA = id(createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", roleA.getId())));
        String otherA = id(createEligibility(body("principalType", "USER", "principalId", other.id(), "roleId", roleA.getId())));
        String parentB = id(createEligibility(body("principalType", "GROUP", "principalId", parentId, "roleId", roleB.getId())));
        String userBFuture = id(createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", roleB.getId(),
                "startsAt", now() + HOUR, "endsAt", now() + 2 * HOUR)));

        assertThat(ids(get(admin(), "/eligibilities?roleId=" + roleA.getId()).json())).containsExactlyInAnyOrder(userA, otherA);
        assertThat(ids(get(admin(), "/eligibilities?roleId=" + roleB.getId()).json())).containsExactlyInAnyOrder(parentB, userBFuture);
        assertThat(ids(get(admin(), "/eligibilities?userId=" + user.id()).json())).containsExactlyInAnyOrder(userA, parentB, userBFuture);
        assertThat(ids(get(admin(), "/eligibilities?userId=" + other.id()).json())).containsExactly(otherA);
        assertThat(ids(get(admin(), "/eligibilities?userId=" + user.id() + "&state=FUTURE").json())).containsExactly(userBFuture);
        assertThat(ids(get(admin(), "/eligibilities?userId=" + user.id() + "&state=ELIGIBLE").json())).containsExactlyInAnyOrder(userA, parentB);
        assertThat(ids(get(admin(), "/eligibilities?roleId=" + roleB.getId() + "&userId=" + user.id() + "&state=ELIGIBLE").json()))
                .containsExactly(parentB);
        assertThat(ids(get(admin(), "/eligibilities?roleId=" + roleA.getId() + "&state=FUTURE").json())).isEmpty();

        Http.Response badState = get(admin(), "/eligibilities?state=NOPE");
        assertThat(badState.status()).as(badState.toString()).isEqualTo(400);
        assertThat(badState.error()).isEqualTo("invalid_request");
    }

    @Test
    void listPagesWithFirstAndMax() {
        RoleRepresentation role = realmRole("paging");
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestUser user = realm.createUser(unique("paging"));
            all.add(id(createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", role.getId()))));
        }
        String base = "/eligibilities?roleId=" + role.getId();

        List<String> page1 = ids(get(admin(), base + "&first=0&max=2").json());
        List<String> page2 = ids(get(admin(), base + "&first=2&max=2").json());
        List<String> page3 = ids(get(admin(), base + "&first=4&max=2").json());

        assertThat(page1).hasSize(2);
        assertThat(page2).hasSize(1);
        assertThat(page3).isEmpty();
        List<String> union = new ArrayList<>(page1);
        union.addAll(page2);
        assertThat(union).containsExactlyInAnyOrderElementsOf(all);
        assertThat(ids(get(admin(), base + "&max=1").json())).hasSize(1);
    }

    @Test
    void invalidPagingParametersAre400OnEveryList() {
        for (String list : List.of("/eligibilities", "/requests", "/audit")) {
            for (String query : List.of("first=-1", "max=abc", "first=abc", "first=1.5")) {
                Http.Response response = get(admin(), list + "?" + query);
                assertThat(response.status()).as(list + "?" + query + " -> " + response).isEqualTo(400);
                assertThat(response.error()).as(list + "?" + query).isEqualTo("invalid_request");
            }
        }
    }

    @Test
    void listsAnswerCsvWhenAsked() {
        RoleRepresentation role = realmRole("csv");
        TestUser user = realm.createUser(unique("csv"));
        String eligibilityId = id(createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", role.getId(),
                "justification", "needs, commas \"and quotes\"")));
        String requestId = id(assign(user, role, now() + HOUR));

        assertCsv("/eligibilities?roleId=" + role.getId(), "id", eligibilityId);
        assertCsv("/requests?userId=" + user.id(), "id", requestId);
        assertCsv("/audit?userId=" + user.id(), "seq", "ELIGIBILITY_CREATED");
    }

    @Test
    void policyListAnswersCsvWhenAsked() {
        RoleRepresentation role = realmRole("csv-policy");
        putPolicy(role.getId(), body("maxActivationSeconds", 1800));

        assertCsv("/policies", "maxActivationSeconds", role.getId());
    }

    @Test
    void deleteEligibilityIs204ThenItIsGone() {
        TestUser user = realm.createUser(unique("delete"));
        RoleRepresentation role = realmRole("delete");
        String id = id(createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", role.getId())));

        Http.Response deleted = delete(admin(), "/eligibilities/" + id);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        Http.Response read = get(admin(), "/eligibilities/" + id);
        assertThat(read.status()).as(read.toString()).isEqualTo(404);
        assertThat(read.error()).isEqualTo("not_found");
        assertThat(get(admin(), "/eligibilities?userId=" + user.id()).json()).isEmpty();
        Http.Response again = delete(admin(), "/eligibilities/" + id);
        assertThat(again.status()).as(again.toString()).isEqualTo(404);
        assertThat(again.error()).isEqualTo("not_found");
        Http.Response unknown = delete(admin(), "/eligibilities/" + UUID.randomUUID());
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
    }

    @Test
    void eligibilityOfAnotherRealmCannotBeSeenOrDeleted() {
        TestUser stranger = otherRealm.createUser(unique("stranger"));
        RoleRepresentation foreignRole = realmRole(otherRealm, "foreign");
        Http.Response created = Http.post(otherRealm.adminUrl("/pim/eligibilities"), realm.server().adminToken(),
                body("principalType", "USER", "principalId", stranger.id(), "roleId", foreignRole.getId()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String foreignId = id(created.json());

        Http.Response deleted = delete(admin(), "/eligibilities/" + foreignId);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(404);
        assertThat(deleted.error()).isEqualTo("not_found");
        assertThat(ids(get(admin(), "/eligibilities").json())).doesNotContain(foreignId);
        assertThat(ids(Http.get(otherRealm.adminUrl("/pim/eligibilities?userId=" + stranger.id()), realm.server().adminToken()).json()))
                .containsExactly(foreignId);
    }

    @Test
    void deletingAnEligibilityRevokesTheActiveRequestThatCameFromIt() {
        // the default policy (OTP and justification required) is used, so this test does not depend on PUT /policies
        TestUser user = realm.createUser(unique("activator"), "totp-secret-" + UUID.randomUUID());
        RoleRepresentation role = realmRole("activated");
        String eligibilityId = id(createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", role.getId())));
        Http.Response activation = Http.post(realm.url("/pim/me/requests"), user.token(),
                body("roleId", role.getId(), "durationSeconds", 3600, "justification", "deploy hotfix", "otp", user.otpNow()));
        assertThat(activation.status()).as(activation.toString()).isEqualTo(201);
        assertThat(activation.json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(activation.json().path("eligibilityId").asText()).isEqualTo(eligibilityId);
        String requestId = id(activation.json());
        assertThat(effectiveRealmRoles(user.id())).contains(role.getName());
        long before = now();

        Http.Response deleted = delete(admin(), "/eligibilities/" + eligibilityId);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        JsonNode request = onlyRequest(user, role);
        assertThat(request.path("id").asText()).isEqualTo(requestId);
        assertThat(request.path("status").asText()).isEqualTo("REVOKED");
        assertThat(request.path("endedAt").asLong()).isBetween(before - CLOCK_SLACK_MS, now() + CLOCK_SLACK_MS);
        assertThat(effectiveRealmRoles(user.id())).doesNotContain(role.getName());
    }

    // ------------------------------------------------------------------ assignments

    @Test
    void assignmentByUserIdIsActiveAndGrantsTheMapping() {
        TestUser user = realm.createUser(unique("assign-id"));
        RoleRepresentation role = realmRole("assign-id");
        long endsAt = now() + HOUR;
        long before = now();

        Http.Response response = post(admin(), "/assignments", body("userId", user.id(), "roleName", role.getName(),
                "endsAt", endsAt, "justification", "migration weekend"));

        long after = now();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode r = response.json();
        assertThat(r.path("id").asText()).isNotBlank();
        assertThat(r.path("kind").asText()).isEqualTo("ASSIGNMENT");
        assertThat(r.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(r.path("user").path("id").asText()).isEqualTo(user.id());
        assertThat(r.path("user").path("username").asText()).isEqualTo(user.username());
        assertRole(r.path("role"), role, null);
        assertThat(r.path("endsAt").asLong()).isEqualTo(endsAt);
        assertThat(r.path("startsAt").asLong()).isBetween(before - CLOCK_SLACK_MS, after + CLOCK_SLACK_MS);
        assertThat(r.path("requestedAt").asLong()).isBetween(before - CLOCK_SLACK_MS, after + CLOCK_SLACK_MS);
        assertThat(r.path("justification").asText()).isEqualTo("migration weekend");
        assertNullField(r, "endedAt");
        assertThat(effectiveRealmRoles(user.id())).contains(role.getName());
    }

    @Test
    void assignmentByUsernameIsActiveAndGrantsTheMapping() {
        TestUser user = realm.createUser(unique("assign-name"));
        RoleRepresentation role = realmRole("assign-name");

        Http.Response response = post(admin(), "/assignments", body("username", user.username(), "roleName", role.getName(),
                "endsAt", now() + HOUR, "someFieldNobodyKnows", List.of(1, 2)));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().path("kind").asText()).isEqualTo("ASSIGNMENT");
        assertThat(response.json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(response.json().path("user").path("id").asText()).isEqualTo(user.id());
        assertThat(effectiveRealmRoles(user.id())).contains(role.getName());
    }

    @Test
    void assignmentOfAClientRoleGrantsTheClientMapping() {
        TestUser user = realm.createUser(unique("assign-client"));
        String clientId = unique("app");
        String clientUuid = createClient(realm, clientId);
        RoleRepresentation role = clientRole(realm, clientUuid, "deployer");

        Http.Response response = post(admin(), "/assignments", body("userId", user.id(), "clientId", clientId,
                "roleName", role.getName(), "endsAt", now() + HOUR));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertRole(response.json().path("role"), role, clientId);
        assertThat(realm.resource().users().get(user.id()).roles().clientLevel(clientUuid).listEffective())
                .extracting(RoleRepresentation::getName).contains(role.getName());
    }

    @Test
    void assignmentWithFutureStartIsScheduledWithoutMapping() {
        TestUser user = realm.createUser(unique("assign-later"));
        RoleRepresentation role = realmRole("assign-later");
        long startsAt = now() + HOUR;

        Http.Response response = post(admin(), "/assignments", body("userId", user.id(), "roleId", role.getId(),
                "startsAt", startsAt, "endsAt", startsAt + HOUR));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().path("kind").asText()).isEqualTo("ASSIGNMENT");
        assertThat(response.json().path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(response.json().path("startsAt").asLong()).isEqualTo(startsAt);
        assertThat(response.json().path("endsAt").asLong()).isEqualTo(startsAt + HOUR);
        assertThat(effectiveRealmRoles(user.id())).doesNotContain(role.getName());
    }

    @Test
    void assignmentWithoutEndsAtOrWithEndsAtInThePastIs400() {
        TestUser user = realm.createUser(unique("assign-bad"));
        RoleRepresentation role = realmRole("assign-bad");

        for (Map<String, Object> body : List.of(
                body("userId", user.id(), "roleId", role.getId()),
                body("userId", user.id(), "roleId", role.getId(), "endsAt", now() - 60_000),
                body("userId", user.id(), "roleId", role.getId(), "startsAt", now() + 2 * HOUR, "endsAt", now() + HOUR))) {
            Http.Response response = post(admin(), "/assignments", body);
            assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
            assertThat(response.error()).isEqualTo("invalid_request");
        }
        assertThat(get(admin(), "/requests?userId=" + user.id()).json()).isEmpty();
        assertThat(effectiveRealmRoles(user.id())).doesNotContain(role.getName());
    }

    @Test
    void assignmentOfUnknownUserOrRoleIs404() {
        TestUser user = realm.createUser(unique("assign-404"));
        RoleRepresentation role = realmRole("assign-404");
        for (Map<String, Object> body : List.of(
                body("userId", UUID.randomUUID().toString(), "roleId", role.getId(), "endsAt", now() + HOUR),
                body("username", "nobody-" + UUID.randomUUID(), "roleId", role.getId(), "endsAt", now() + HOUR),
                body("userId", user.id(), "roleName", "no-such-role-" + UUID.randomUUID(), "endsAt", now() + HOUR))) {
            Http.Response response = post(admin(), "/assignments", body);
            assertThat(response.status()).as(body + " -> " + response).isEqualTo(404);
            assertThat(response.error()).isEqualTo("not_found");
        }
        assertThat(get(admin(), "/requests?userId=" + user.id()).json()).isEmpty();
    }

    @Test
    void assignmentOfARoleHeldDirectlyIs409AlreadyAssigned() {
        TestUser user = realm.createUser(unique("assign-held"));
        RoleRepresentation role = realmRole("assign-held");
        realm.resource().users().get(user.id()).roles().realmLevel().add(List.of(role));

        Http.Response response = post(admin(), "/assignments", body("userId", user.id(), "roleId", role.getId(), "endsAt", now() + HOUR));

        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.error()).isEqualTo("already_assigned");
        assertThat(get(admin(), "/requests?userId=" + user.id()).json()).isEmpty();
        assertThat(effectiveRealmRoles(user.id())).contains(role.getName());
    }

    @Test
    void secondAssignmentWhileOneIsOpenIs409Conflict() {
        TestUser user = realm.createUser(unique("assign-twice"));
        RoleRepresentation role = realmRole("assign-twice");
        String first = id(assign(user, role, now() + HOUR));

        Http.Response second = post(admin(), "/assignments", body("userId", user.id(), "roleId", role.getId(), "endsAt", now() + 2 * HOUR));

        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.error()).isEqualTo("conflict");
        assertThat(ids(get(admin(), "/requests?userId=" + user.id()).json())).containsExactly(first);
    }

    @Test
    void secondAssignmentWhileOneIsScheduledIs409Conflict() {
        TestUser user = realm.createUser(unique("assign-sched"));
        RoleRepresentation role = realmRole("assign-sched");
        Http.Response first = post(admin(), "/assignments", body("userId", user.id(), "roleId", role.getId(),
                "startsAt", now() + HOUR, "endsAt", now() + 2 * HOUR));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);

        Http.Response second = post(admin(), "/assignments", body("userId", user.id(), "roleId", role.getId(), "endsAt", now() + HOUR));

        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.error()).isEqualTo("conflict");
        assertThat(effectiveRealmRoles(user.id())).doesNotContain(role.getName());
    }

    // ------------------------------------------------------------------ requests

    @Test
    void requestsAreListedNewestFirstAndFilterByStatusUserAndRole() throws InterruptedException {
        TestUser user = realm.createUser(unique("req-u"));
        TestUser other = realm.createUser(unique("req-v"));
        RoleRepresentation r1 = realmRole("req-1");
        RoleRepresentation r2 = realmRole("req-2");
        RoleRepresentation r3 = realmRole("req-3");
        String a1 = id(assign(user, r1, now() + HOUR));
        Thread.sleep(20);
        String a2 = id(assign(user, r2, now() + HOUR));
        Thread.sleep(20);
        String a3 = id(assign(user, r3, now() + HOUR));
        Thread.sleep(20);
        String b1 = id(assign(other, r1, now() + HOUR));
        assertThat(post(admin(), "/requests/" + a2 + "/revoke", body("reason", "not needed")).status()).isEqualTo(200);

        JsonNode ofUser = get(admin(), "/requests?userId=" + user.id()).json();
        assertThat(ids(ofUser)).containsExactly(a3, a2, a1);
        assertThat(longs(ofUser, "requestedAt")).isSortedAccordingTo((x, y) -> Long.compare(y, x));
        assertThat(ids(get(admin(), "/requests?userId=" + user.id() + "&status=ACTIVE").json())).containsExactly(a3, a1);
        assertThat(ids(get(admin(), "/requests?userId=" + user.id() + "&status=REVOKED").json())).containsExactly(a2);
        assertThat(ids(get(admin(), "/requests?roleId=" + r1.getId()).json())).containsExactly(b1, a1);
        assertThat(ids(get(admin(), "/requests?roleId=" + r1.getId() + "&userId=" + other.id()).json())).containsExactly(b1);
        assertThat(ids(get(admin(), "/requests?roleId=" + r2.getId() + "&status=ACTIVE").json())).isEmpty();
        assertThat(ids(get(admin(), "/requests?userId=" + user.id() + "&first=1&max=1").json())).containsExactly(a2);

        Http.Response badStatus = get(admin(), "/requests?status=NOPE");
        assertThat(badStatus.status()).as(badStatus.toString()).isEqualTo(400);
        assertThat(badStatus.error()).isEqualTo("invalid_request");
    }

    @Test
    void revokingAnActiveRequestEndsItAndRemovesTheMapping() {
        TestUser user = realm.createUser(unique("revoke"));
        RoleRepresentation role = realmRole("revoke");
        String requestId = id(assign(user, role, now() + HOUR));
        assertThat(effectiveRealmRoles(user.id())).contains(role.getName());
        long before = now();

        Http.Response revoked = post(admin(), "/requests/" + requestId + "/revoke", body("reason", "incident INC-4711 closed"));

        long after = now();
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().path("id").asText()).isEqualTo(requestId);
        assertThat(revoked.json().path("status").asText()).isEqualTo("REVOKED");
        assertThat(revoked.json().path("endedAt").asLong()).isBetween(before - CLOCK_SLACK_MS, after + CLOCK_SLACK_MS);
        assertThat(revoked.json().path("endReason").asText()).contains("incident INC-4711 closed");
        assertThat(effectiveRealmRoles(user.id())).doesNotContain(role.getName());
        assertThat(onlyRequest(user, role).path("status").asText()).isEqualTo("REVOKED");

        Http.Response again = post(admin(), "/requests/" + requestId + "/revoke", body("reason", "twice"));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("conflict");
        assertThat(onlyRequest(user, role).path("endReason").asText()).contains("incident INC-4711 closed");
    }

    @Test
    void revokingAScheduledRequestEndsItAndFreesTheSlot() {
        TestUser user = realm.createUser(unique("revoke-sched"));
        RoleRepresentation role = realmRole("revoke-sched");
        Http.Response scheduled = post(admin(), "/assignments", body("userId", user.id(), "roleId", role.getId(),
                "startsAt", now() + HOUR, "endsAt", now() + 2 * HOUR));
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(201);

        Http.Response revoked = post(admin(), "/requests/" + id(scheduled.json()) + "/revoke", body("reason", "plans changed"));

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().path("status").asText()).isEqualTo("REVOKED");
        assertThat(revoked.json().path("endReason").asText()).contains("plans changed");
        assertThat(post(admin(), "/assignments", body("userId", user.id(), "roleId", role.getId(), "endsAt", now() + HOUR)).status())
                .isEqualTo(201);
    }

    @Test
    void revokingAnUnknownRequestIs404() {
        Http.Response response = post(admin(), "/requests/" + UUID.randomUUID() + "/revoke", body("reason", "x"));
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.error()).isEqualTo("not_found");
    }

    @Test
    void revokingARequestOfAnotherRealmIs404AndLeavesItActive() {
        TestUser stranger = otherRealm.createUser(unique("stranger"));
        RoleRepresentation foreignRole = realmRole(otherRealm, "foreign");
        Http.Response created = Http.post(otherRealm.adminUrl("/pim/assignments"), realm.server().adminToken(),
                body("userId", stranger.id(), "roleId", foreignRole.getId(), "endsAt", now() + HOUR));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String foreignRequest = id(created.json());

        Http.Response response = post(admin(), "/requests/" + foreignRequest + "/revoke", body("reason", "not mine"));

        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.error()).isEqualTo("not_found");
        JsonNode stillThere = Http.get(otherRealm.adminUrl("/pim/requests?userId=" + stranger.id()), realm.server().adminToken()).json();
        assertThat(stillThere.get(0).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(ids(get(admin(), "/requests").json())).doesNotContain(foreignRequest);
        assertThat(otherRealm.resource().users().get(stranger.id()).roles().realmLevel().listEffective())
                .extracting(RoleRepresentation::getName).contains(foreignRole.getName());
    }

    // ------------------------------------------------------------------ audit

    @Test
    void auditShowsAdminActionsNewestFirstWithTheActingAdmin() {
        TestUser user = realm.createUser(unique("audited"));
        RoleRepresentation eligibleRole = realmRole("audited-elig");
        RoleRepresentation assignedRole = realmRole("audited-assign");
        long before = now();
        String eligibilityId = id(createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", eligibleRole.getId())));
        String requestId = id(assign(user, assignedRole, now() + HOUR));
        assertThat(post(admin(), "/requests/" + requestId + "/revoke", body("reason", "audit me")).status()).isEqualTo(200);
        long after = now();

        JsonNode entries = get(admin(), "/audit?userId=" + user.id()).json();

        assertThat(longs(entries, "seq")).isSortedAccordingTo((x, y) -> Long.compare(y, x)).doesNotHaveDuplicates();
        assertThat(texts(entries, "action")).containsSubsequence("REVOKED", "ASSIGNMENT_CREATED", "ELIGIBILITY_CREATED");
        JsonNode revoked = find(entries, e -> e.path("action").asText().equals("REVOKED"));
        JsonNode assigned = find(entries, e -> e.path("action").asText().equals("ASSIGNMENT_CREATED"));
        JsonNode eligible = find(entries, e -> e.path("action").asText().equals("ELIGIBILITY_CREATED"));
        for (JsonNode entry : List.of(revoked, assigned, eligible)) {
            assertThat(entry.path("actor").path("id").asText()).as(entry.toString()).isEqualTo(realmAdmin.id());
            assertThat(entry.path("actor").path("username").asText()).as(entry.toString()).isEqualTo(realmAdmin.username());
            assertThat(entry.path("userId").asText()).as(entry.toString()).isEqualTo(user.id());
            assertThat(entry.path("at").asLong()).as(entry.toString()).isBetween(before - CLOCK_SLACK_MS, after + CLOCK_SLACK_MS);
            assertThat(entry.path("details").isObject()).as(entry.toString()).isTrue();
        }
        assertThat(eligible.path("roleId").asText()).isEqualTo(eligibleRole.getId());
        assertThat(eligible.path("details").toString()).contains(eligibilityId);
        assertThat(assigned.path("roleId").asText()).isEqualTo(assignedRole.getId());
        assertThat(assigned.path("requestId").asText()).isEqualTo(requestId);
        assertThat(revoked.path("roleId").asText()).isEqualTo(assignedRole.getId());
        assertThat(revoked.path("requestId").asText()).isEqualTo(requestId);

        JsonNode everything = get(admin(), "/audit").json();
        assertThat(longs(everything, "seq")).isSortedAccordingTo((x, y) -> Long.compare(y, x)).doesNotHaveDuplicates();
        assertThat(everything.get(0).path("seq").asLong()).isEqualTo(revoked.path("seq").asLong());
    }

    @Test
    void auditRecordsPolicyUpdatesWithTheActingAdmin() {
        RoleRepresentation role = realmRole("audited-policy");
        long before = now();
        putPolicy(role.getId(), body("maxActivationSeconds", 1800));
        long after = now();

        JsonNode entries = get(admin(), "/audit?action=POLICY_UPDATED").json();

        JsonNode entry = find(entries, e -> e.path("roleId").asText().equals(role.getId()));
        assertThat(entry.path("action").asText()).isEqualTo("POLICY_UPDATED");
        assertThat(entry.path("actor").path("id").asText()).isEqualTo(realmAdmin.id());
        assertThat(entry.path("actor").path("username").asText()).isEqualTo(realmAdmin.username());
        assertThat(entry.path("at").asLong()).isBetween(before - CLOCK_SLACK_MS, after + CLOCK_SLACK_MS);
        assertThat(entries.get(0).path("seq").asLong()).isEqualTo(entry.path("seq").asLong());
    }

    @Test
    void auditFiltersByActionAndUser() {
        TestUser user = realm.createUser(unique("audit-filter"));
        TestUser other = realm.createUser(unique("audit-other"));
        RoleRepresentation role = realmRole("audit-filter");
        createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", role.getId()));
        createEligibility(body("principalType", "USER", "principalId", other.id(), "roleId", role.getId()));
        assign(user, realmRole("audit-filter-assign"), now() + HOUR);

        JsonNode filtered = get(admin(), "/audit?action=ELIGIBILITY_CREATED&userId=" + user.id()).json();
        assertThat(filtered).hasSize(1);
        assertThat(filtered.get(0).path("action").asText()).isEqualTo("ELIGIBILITY_CREATED");
        assertThat(filtered.get(0).path("userId").asText()).isEqualTo(user.id());

        JsonNode byAction = get(admin(), "/audit?action=ASSIGNMENT_CREATED").json();
        assertThat(byAction).isNotEmpty();
        assertThat(texts(byAction, "action")).containsOnly("ASSIGNMENT_CREATED");
        assertThat(texts(get(admin(), "/audit?userId=" + other.id()).json(), "userId")).containsOnly(other.id());
        assertThat(get(admin(), "/audit?userId=" + user.id() + "&max=1").json()).hasSize(1);

        Http.Response bad = get(admin(), "/audit?action=NOPE");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.error()).isEqualTo("invalid_request");
    }

    @Test
    void adminChangesAreKeycloakAdminEvents() throws InterruptedException {
        RealmResource resource = realm.resource();
        RealmRepresentation settings = resource.toRepresentation();
        settings.setAdminEventsEnabled(true);
        settings.setAdminEventsDetailsEnabled(true);
        resource.update(settings);
        TestUser user = realm.createUser(unique("evented"));
        RoleRepresentation role = realmRole("evented");

        String eligibilityId = id(createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", role.getId())));

        List<AdminEventRepresentation> pimEvents = List.of();
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            pimEvents = resource.getAdminEvents().stream()
                    .filter(e -> "PIM_ELIGIBILITY".equals(e.getResourceType())
                            || (e.getResourcePath() != null && e.getResourcePath().startsWith("pim/")))
                    .toList();
            if (pimEvents.stream().anyMatch(e -> mentions(e, eligibilityId))) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(pimEvents).as("PIM admin events").anySatisfy(e -> {
            assertThat(mentions(e, eligibilityId)).as(e.getResourcePath()).isTrue();
            assertThat(e.getOperationType()).isEqualTo("CREATE");
            assertThat(e.getAuthDetails().getUserId()).isEqualTo(realmAdmin.id());
        });
    }

    // ------------------------------------------------------------------ kcadm.sh

    @Test
    void kcadmCanReadPoliciesAndCreateEligibilities() throws Exception {
        Path kcadm = Path.of(System.getProperty("pim.keycloak.home"), "bin", "kcadm.sh");
        assertThat(kcadm).exists().isExecutable();
        Path dir = Files.createTempDirectory("kcadm");
        Path config = dir.resolve("kcadm.config");
        TestUser user = realm.createUser(unique("kcadm"));
        RoleRepresentation role = realmRole("kcadm");

        ProcessResult login = kcadm(kcadm, dir, "config", "credentials", "--server", realm.server().baseUrl(), "--realm", "master",
                "--user", "admin", "--password", "admin", "--config", config.toString());
        assertThat(login.exitCode()).as(login.toString()).isZero();

        ProcessResult policy = kcadm(kcadm, dir, "get", "pim/policies/" + role.getId(), "-r", realm.name(), "--config", config.toString());
        assertThat(policy.exitCode()).as(policy.toString()).isZero();
        JsonNode policyJson = Http.JSON.readTree(policy.stdout());
        assertThat(policyJson.path("maxActivationSeconds").asInt()).isEqualTo(28800);
        assertThat(policyJson.path("role").path("id").asText()).isEqualTo(role.getId());

        ProcessResult create = kcadm(kcadm, dir, "create", "pim/eligibilities", "-r", realm.name(), "-s", "principalType=USER",
                "-s", "username=" + user.username(), "-s", "roleName=" + role.getName(), "--config", config.toString());
        assertThat(create.exitCode()).as(create.toString()).isZero();
        JsonNode created = get(admin(), "/eligibilities?userId=" + user.id()).json();
        assertThat(created).hasSize(1);
        assertThat(created.get(0).path("role").path("id").asText()).isEqualTo(role.getId());
        assertThat(created.get(0).path("principal").path("name").asText()).isEqualTo(user.username());

        ProcessResult list = kcadm(kcadm, dir, "get", "pim/eligibilities", "-r", realm.name(), "-q", "userId=" + user.id(),
                "--config", config.toString());
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(ids(Http.JSON.readTree(list.stdout()))).containsExactly(id(created.get(0)));
    }

    // ------------------------------------------------------------------ helpers: permission fixture

    private static Fixture fixture() {
        TestUser target = realm.createUser(unique("target"));
        RoleRepresentation eligibleRole = realmRole("fx-elig");
        RoleRepresentation assignedRole = realmRole("fx-assign");
        RoleRepresentation freeRole = realmRole("fx-free");
        String eligibilityId = id(createEligibility(body("principalType", "USER", "principalId", target.id(), "roleId", eligibleRole.getId())));
        String requestId = id(assign(target, assignedRole, now() + HOUR));
        JsonNode policyBefore = get(admin(), "/policies/" + eligibleRole.getId()).json();
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
                new Call("GET", "/audit", null));
    }

    private static void assertFixtureUnchanged(Fixture f) {
        assertThat(get(admin(), "/policies/" + f.eligibleRole().getId()).json()).isEqualTo(f.policyBefore());
        assertThat(ids(get(admin(), "/eligibilities?userId=" + f.target().id()).json())).containsExactly(f.eligibilityId());
        JsonNode requests = get(admin(), "/requests?userId=" + f.target().id()).json();
        assertThat(ids(requests)).containsExactly(f.requestId());
        assertThat(requests.get(0).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(effectiveRealmRoles(f.target().id())).contains(f.assignedRole().getName()).doesNotContain(f.freeRole().getName());
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
            soft.assertThat(get(admin(), "/policies/" + f.eligibleRole().getId()).json().path("maxActivationSeconds").asInt())
                    .as("policy after PUT").isEqualTo(600);
            soft.assertThat(ids(get(admin(), "/eligibilities?userId=" + f.target().id()).json())).as("eligibilities after POST and DELETE")
                    .doesNotContain(f.eligibilityId()).hasSize(1);
            soft.assertThat(effectiveRealmRoles(f.target().id())).as("mappings after assignment and revocation")
                    .contains(f.freeRole().getName()).doesNotContain(f.assignedRole().getName());
        });
    }

    private static Http.Response call(Call call, String token) {
        String url = realm.adminUrl("/pim" + call.path());
        return switch (call.method()) {
            case "GET" -> Http.get(url, token);
            case "PUT" -> Http.put(url, token, call.body());
            case "POST" -> Http.post(url, token, call.body());
            case "DELETE" -> Http.delete(url, token);
            default -> throw new IllegalArgumentException(call.method());
        };
    }

    // ------------------------------------------------------------------ helpers: HTTP

    private static String admin() {
        return token(realmAdmin);
    }

    /** A recent access token of the user (access tokens live 5 minutes; one is reused for a minute). */
    private static String token(TestUser user) {
        long now = System.currentTimeMillis();
        CachedToken cached = TOKENS.get(user.username());
        if (cached == null || now - cached.obtainedAt() > 60_000) {
            cached = new CachedToken(user.token(), now);
            TOKENS.put(user.username(), cached);
        }
        return cached.token();
    }

    private static Http.Response get(String token, String path) {
        return Http.get(realm.adminUrl("/pim" + path), token);
    }

    private static Http.Response post(String token, String path, Object body) {
        return Http.post(realm.adminUrl("/pim" + path), token, body);
    }

    private static Http.Response put(String token, String path, Object body) {
        return Http.put(realm.adminUrl("/pim" + path), token, body);
    }

    private static Http.Response delete(String token, String path) {
        return Http.delete(realm.adminUrl("/pim" + path), token);
    }

    private static JsonNode createEligibility(Map<String, Object> body) {
        Http.Response response = post(admin(), "/eligibilities", body);
        assertThat(response.status()).as("create eligibility " + body + " -> " + response).isEqualTo(201);
        return response.json();
    }

    private static JsonNode assign(TestUser user, RoleRepresentation role, long endsAt) {
        Http.Response response = post(admin(), "/assignments", body("userId", user.id(), "roleId", role.getId(), "endsAt", endsAt));
        assertThat(response.status()).as("assign " + role.getName() + " -> " + response).isEqualTo(201);
        return response.json();
    }

    private static JsonNode putPolicy(String roleId, Map<String, Object> body) {
        Http.Response response = put(admin(), "/policies/" + roleId, body);
        assertThat(response.status()).as("put policy " + body + " -> " + response).isEqualTo(200);
        return response.json();
    }

    private static JsonNode onlyRequest(TestUser user, RoleRepresentation role) {
        JsonNode requests = get(admin(), "/requests?userId=" + user.id() + "&roleId=" + role.getId()).json();
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    @Test
    void anEmptyListAsCsvStillHasItsHeaderRow() {
        Http.Response response = Http.get(realm.adminUrl("/pim/requests?userId=nobody-at-all"), admin(), "text/csv");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().split("\r?\n")).hasSize(1);
        assertThat(response.body()).startsWith("id,user.id,user.username,role.id,role.name,role.clientId");
    }

    private static void assertCsv(String path, String headerColumn, String expectedContent) {
        Http.Response response = Http.get(realm.adminUrl("/pim" + path), admin(), "text/csv");
        assertThat(response.status()).as(path + " -> " + response).isEqualTo(200);
        assertThat(response.header("Content-Type")).as(path).startsWith("text/csv");
        String[] lines = response.body().split("\r?\n");
        assertThat(lines.length).as(path + ": header row plus data rows").isGreaterThanOrEqualTo(2);
        assertThat(List.of(lines[0].split(","))).as(path + " header row").contains(headerColumn);
        assertThat(lines[0]).as(path + " header row holds column names only").doesNotContain(expectedContent);
        assertThat(response.body().substring(lines[0].length())).as(path + " data rows").contains(expectedContent);
    }

    // ------------------------------------------------------------------ helpers: JSON assertions

    private static Map<String, Object> defaultPolicy() {
        return body("maxActivationSeconds", 28800, "requireOtp", true, "requireJustification", true, "justificationPattern", null,
                "requireTicket", false, "requireApproval", false,
                "approvers", body("users", List.of(), "groups", List.of(), "roles", List.of()),
                "minApprovals", 1, "approvalTimeoutSeconds", 86400, "allowPermanentEligibility", true, "maxEligibilitySeconds", null);
    }

    @SuppressWarnings("unchecked")
    private static void assertPolicy(JsonNode actual, Map<String, Object> expected) {
        expected.forEach((field, value) -> {
            assertThat(actual.has(field)).as(field + " present in " + actual).isTrue();
            JsonNode node = actual.get(field);
            if (value == null) {
                assertThat(node.isNull()).as(field + " is null in " + actual).isTrue();
            } else if (value instanceof Map<?, ?> nested) {
                ((Map<String, List<String>>) nested).forEach((key, ids) -> {
                    assertThat(node.path(key).isArray()).as(field + "." + key + " is an array").isTrue();
                    List<String> values = new ArrayList<>();
                    node.path(key).forEach(v -> values.add(v.asText()));
                    assertThat(values).as(field + "." + key).containsExactlyInAnyOrderElementsOf(ids);
                });
            } else {
                assertThat(node.isValueNode()).as(field).isTrue();
                assertThat(node.asText()).as(field + " in " + actual).isEqualTo(String.valueOf(value));
            }
        });
    }

    private static void assertRole(JsonNode role, RoleRepresentation expected, String clientId) {
        assertThat(role.path("id").asText()).as("role.id").isEqualTo(expected.getId());
        assertThat(role.path("name").asText()).as("role.name").isEqualTo(expected.getName());
        if (clientId == null) {
            assertNullField(role, "clientId");
        } else {
            assertThat(role.path("clientId").asText()).as("role.clientId").isEqualTo(clientId);
        }
        assertThat(role.path("description").asText()).as("role.description").isEqualTo(expected.getDescription());
    }

    private static void assertPrincipal(JsonNode principal, String type, String id, String name) {
        assertThat(principal.path("type").asText()).as("principal.type").isEqualTo(type);
        assertThat(principal.path("id").asText()).as("principal.id").isEqualTo(id);
        assertThat(principal.path("name").asText()).as("principal.name").isEqualTo(name);
    }

    private static void assertNullField(JsonNode node, String field) {
        assertThat(node.has(field)).as(field + " present in " + node).isTrue();
        assertThat(node.get(field).isNull()).as(field + " is null in " + node).isTrue();
    }

    private static JsonNode find(JsonNode array, java.util.function.Predicate<JsonNode> match) {
        for (JsonNode item : array) {
            if (match.test(item)) {
                return item;
            }
        }
        return fail("no matching item in " + array);
    }

    private static String id(JsonNode node) {
        String id = node.path("id").asText(null);
        assertThat(id).as("id of " + node).isNotBlank();
        return id;
    }

    private static List<String> ids(JsonNode array) {
        return texts(array, "id");
    }

    private static List<String> texts(JsonNode array, String field) {
        assertThat(array.isArray()).as("a JSON array: " + array).isTrue();
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.path(field).asText()));
        return values;
    }

    private static List<Long> longs(JsonNode array, String field) {
        List<Long> values = new ArrayList<>();
        array.forEach(item -> values.add(item.path(field).asLong()));
        return values;
    }

    private static boolean mentions(AdminEventRepresentation event, String id) {
        return (event.getResourcePath() != null && event.getResourcePath().contains(id))
                || (event.getRepresentation() != null && event.getRepresentation().contains(id));
    }

    // ------------------------------------------------------------------ helpers: realm objects

    private static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private static void grantRealmManagement(TestUser user, String... roleNames) {
        String realmManagement = realm.resource().clients().findByClientId("realm-management").get(0).getId();
        List<RoleRepresentation> roles = new ArrayList<>();
        for (String roleName : roleNames) {
            roles.add(realm.resource().clients().get(realmManagement).roles().get(roleName).toRepresentation());
        }
        realm.resource().users().get(user.id()).roles().clientLevel(realmManagement).add(roles);
    }

    private static RoleRepresentation realmRole(String prefix) {
        return realmRole(realm, prefix);
    }

    private static RoleRepresentation realmRole(TestRealm in, String prefix) {
        String name = unique(prefix);
        in.resource().roles().create(new RoleRepresentation(name, "PIM test role " + name, false));
        return in.resource().roles().get(name).toRepresentation();
    }

    private static String createClient(TestRealm in, String clientId) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(false);
        try (Response response = in.resource().clients().create(client)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    private static RoleRepresentation clientRole(TestRealm in, String clientUuid, String prefix) {
        String name = unique(prefix);
        in.resource().clients().get(clientUuid).roles().create(new RoleRepresentation(name, "PIM test client role " + name, false));
        return in.resource().clients().get(clientUuid).roles().get(name).toRepresentation();
    }

    private static String group(String name) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        try (Response response = realm.resource().groups().add(group)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    private static String subGroup(String parentId, String name) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        try (Response response = realm.resource().groups().group(parentId).subGroup(group)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    private static List<String> effectiveRealmRoles(String userId) {
        return realm.resource().users().get(userId).roles().realmLevel().listEffective().stream()
                .map(RoleRepresentation::getName).toList();
    }

    // ------------------------------------------------------------------ helpers: processes

    private record ProcessResult(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    private static ProcessResult kcadm(Path kcadm, Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(kcadm.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "kcadm", ".out");
        Path err = Files.createTempFile(dir, "kcadm", ".err");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("kcadm.sh " + String.join(" ", args) + " did not finish within 2 minutes");
        }
        return new ProcessResult(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
