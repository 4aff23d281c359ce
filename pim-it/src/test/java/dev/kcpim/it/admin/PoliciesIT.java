package dev.kcpim.it.admin;

import static dev.kcpim.it.support.Bodies.body;
import static dev.kcpim.it.support.JsonNodes.assertRole;
import static dev.kcpim.it.support.JsonNodes.find;
import static dev.kcpim.it.support.RealmObjects.clientRole;
import static dev.kcpim.it.support.RealmObjects.createClient;
import static dev.kcpim.it.support.RealmObjects.group;
import static dev.kcpim.it.support.RealmObjects.realmRole;
import static dev.kcpim.it.support.RealmObjects.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.AdminUsers;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.PimAdminApi;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * {@code GET/PUT /policies/{roleId}} of the admin API: the contract defaults, full replacement,
 * client roles, bounds and validation (400 and 404 change nothing), and roles of another realm.
 */
class PoliciesIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();
    @RegisterExtension
    static final TestRealm otherRealm = new TestRealm();

    static final AdminUsers admins = new AdminUsers(realm);
    static final PimAdminApi pim = admins.api();

    @Test
    void policyOfRoleWithoutStoredPolicyHasTheContractDefaults() {
        RoleRepresentation role = realmRole(realm, "defaults");

        Http.Response response = pim.get(admins.admin(), "/policies/" + role.getId());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode policy = response.json();
        assertRole(policy.path("role"), role, null);
        assertPolicy(policy, defaultPolicy());
    }

    @Test
    void putPolicyUpdatesItAndGetReadsItBack() {
        RoleRepresentation role = realmRole(realm, "put");
        TestUser approver = realm.createUser(unique("approver"));
        String group = group(realm, unique("approvers"));
        RoleRepresentation approverRole = realmRole(realm, "approver-role");
        Map<String, Object> policy = body(
                "maxActivationSeconds", 3600, "requireOtp", false, "requireJustification", false,
                "justificationPattern", "^[A-Z]+-[0-9]+ .*", "requireTicket", true, "requireApproval", true,
                "approvers", body("users", List.of(approver.id()), "groups", List.of(group), "roles", List.of(approverRole.getId())),
                "minApprovals", 2, "approvalTimeoutSeconds", 7200, "allowPermanentEligibility", false,
                "maxEligibilitySeconds", 604800);

        Http.Response response = pim.put(admins.admin(), "/policies/" + role.getId(), policy);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertRole(response.json().path("role"), role, null);
        assertPolicy(response.json(), policy);
        JsonNode read = pim.get(admins.admin(), "/policies/" + role.getId()).json();
        assertRole(read.path("role"), role, null);
        assertPolicy(read, policy);
        assertThat(find(pim.get(admins.admin(), "/policies").json(), p -> p.path("role").path("id").asText().equals(role.getId()))
                .path("maxActivationSeconds").asInt()).isEqualTo(3600);
    }

    @Test
    void putIsFullReplacementSoFieldsLeftOutTakeTheDefaults() {
        RoleRepresentation role = realmRole(realm, "replace");
        pim.putPolicy(role.getId(), body("maxActivationSeconds", 3600, "requireOtp", false, "requireJustification", false,
                "justificationPattern", "INC-.*", "requireTicket", true, "allowPermanentEligibility", false,
                "maxEligibilitySeconds", 86400, "approvalTimeoutSeconds", 600));

        Http.Response response = pim.put(admins.admin(), "/policies/" + role.getId(), body("maxActivationSeconds", 600));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        Map<String, Object> expected = defaultPolicy();
        expected.put("maxActivationSeconds", 600);
        assertPolicy(response.json(), expected);
        assertPolicy(pim.get(admins.admin(), "/policies/" + role.getId()).json(), expected);
    }

    @Test
    void clientRolePolicyCarriesTheClientId() {
        String clientId = unique("app");
        String clientUuid = createClient(realm, clientId);
        RoleRepresentation role = clientRole(realm, clientUuid, "client-admin");

        Http.Response defaults = pim.get(admins.admin(), "/policies/" + role.getId());
        assertThat(defaults.status()).as(defaults.toString()).isEqualTo(200);
        assertRole(defaults.json().path("role"), role, clientId);

        Http.Response updated = pim.put(admins.admin(), "/policies/" + role.getId(), body("maxActivationSeconds", 1200, "requireOtp", false));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertRole(updated.json().path("role"), role, clientId);
        JsonNode read = pim.get(admins.admin(), "/policies/" + role.getId()).json();
        assertRole(read.path("role"), role, clientId);
        assertThat(read.path("maxActivationSeconds").asInt()).isEqualTo(1200);
        assertThat(read.path("requireOtp").asBoolean()).isFalse();
    }

    @Test
    void maxActivationSecondsOutOfBoundsIs400AndChangesNothing() {
        RoleRepresentation role = realmRole(realm, "bounds");
        JsonNode before = pim.get(admins.admin(), "/policies/" + role.getId()).json();

        for (int outOfBounds : new int[]{59, 2_592_001, 0, -1}) {
            Http.Response response = pim.put(admins.admin(), "/policies/" + role.getId(), body("maxActivationSeconds", outOfBounds));
            assertThat(response.status()).as(outOfBounds + " -> " + response).isEqualTo(400);
            assertThat(response.error()).isEqualTo("invalid_request");
        }
        assertThat(pim.get(admins.admin(), "/policies/" + role.getId()).json()).isEqualTo(before);
    }

    @Test
    void maxActivationSecondsBoundsAreInclusive() {
        RoleRepresentation role = realmRole(realm, "inclusive");
        assertThat(pim.putPolicy(role.getId(), body("maxActivationSeconds", 60)).path("maxActivationSeconds").asInt()).isEqualTo(60);
        assertThat(pim.putPolicy(role.getId(), body("maxActivationSeconds", 2_592_000)).path("maxActivationSeconds").asInt())
                .isEqualTo(2_592_000);
    }

    @Test
    void invalidJustificationPatternIs400AndChangesNothing() {
        RoleRepresentation role = realmRole(realm, "regex");
        JsonNode before = pim.get(admins.admin(), "/policies/" + role.getId()).json();

        Http.Response response = pim.put(admins.admin(), "/policies/" + role.getId(),
                body("maxActivationSeconds", 1800, "justificationPattern", "([a-z"));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("invalid_request");
        assertThat(pim.get(admins.admin(), "/policies/" + role.getId()).json()).isEqualTo(before);
    }

    @Test
    void unknownRoleIdIs404() {
        String unknown = UUID.randomUUID().toString();

        Http.Response read = pim.get(admins.admin(), "/policies/" + unknown);
        assertThat(read.status()).as(read.toString()).isEqualTo(404);
        assertThat(read.error()).isEqualTo("not_found");
        Http.Response write = pim.put(admins.admin(), "/policies/" + unknown, body("maxActivationSeconds", 600));
        assertThat(write.status()).as(write.toString()).isEqualTo(404);
        assertThat(write.error()).isEqualTo("not_found");
    }

    @Test
    void roleOfAnotherRealmIs404AndItsPolicyIsUntouched() {
        RoleRepresentation foreign = realmRole(otherRealm, "foreign");

        Http.Response read = pim.get(admins.admin(), "/policies/" + foreign.getId());
        assertThat(read.status()).as(read.toString()).isEqualTo(404);
        assertThat(read.error()).isEqualTo("not_found");
        Http.Response write = pim.put(admins.admin(), "/policies/" + foreign.getId(), body("maxActivationSeconds", 600));
        assertThat(write.status()).as(write.toString()).isEqualTo(404);
        assertThat(write.error()).isEqualTo("not_found");

        Http.Response own = Http.get(otherRealm.adminUrl("/pim/policies/" + foreign.getId()), realm.server().adminToken());
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertPolicy(own.json(), defaultPolicy());
    }

    @Test
    void malformedPolicyJsonIs400AndChangesNothing() {
        RoleRepresentation role = realmRole(realm, "malformed");
        JsonNode before = pim.get(admins.admin(), "/policies/" + role.getId()).json();

        for (String malformed : List.of("{\"maxActivationSeconds\": ", "not json", "{\"maxActivationSeconds\": \"lots\"}")) {
            Http.Response response = pim.put(admins.admin(), "/policies/" + role.getId(), malformed);
            assertThat(response.status()).as(malformed + " -> " + response).isEqualTo(400);
            assertThat(response.error()).as(malformed).isEqualTo("invalid_request");
        }
        assertThat(pim.get(admins.admin(), "/policies/" + role.getId()).json()).isEqualTo(before);
    }

    @Test
    void approverUserNotInTheRealmIs400AndChangesNothing() {
        RoleRepresentation role = realmRole(realm, "approver-check");
        JsonNode before = pim.get(admins.admin(), "/policies/" + role.getId()).json();
        TestUser stranger = otherRealm.createUser(unique("stranger"));

        for (String userId : List.of(UUID.randomUUID().toString(), stranger.id())) {
            Http.Response response = pim.put(admins.admin(), "/policies/" + role.getId(), body("maxActivationSeconds", 900, "requireApproval", true,
                    "approvers", body("users", List.of(userId), "groups", List.of(), "roles", List.of())));
            assertThat(response.status()).as(userId + " -> " + response).isEqualTo(400);
            assertThat(response.error()).isEqualTo("invalid_request");
        }
        assertThat(pim.get(admins.admin(), "/policies/" + role.getId()).json()).isEqualTo(before);
    }

    // ------------------------------------------------------------------ helpers

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
}
