package dev.kcpim.it.admin;

import static dev.kcpim.it.support.Bodies.body;
import static dev.kcpim.it.support.RealmObjects.clientRole;
import static dev.kcpim.it.support.RealmObjects.createClient;
import static dev.kcpim.it.support.RealmObjects.realmRole;
import static dev.kcpim.it.support.RealmObjects.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.AdminUsers;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.PimAdminApi;
import dev.kcpim.it.support.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * Policies for operators on the command line: by role name ({@code ?roleName=&clientId=} on GET, PUT
 * and DELETE), DELETE resetting a role to the contract's defaults (audited), POST answered with 405
 * and a hint, and the justification hint.
 */
class PolicyByNameIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    static final AdminUsers admins = new AdminUsers(realm);
    static final PimAdminApi pim = admins.api();

    @Test
    void aRealmRolesPolicyIsReadAndReplacedByName() {
        RoleRepresentation role = realmRole(realm, "by-name");

        Http.Response put = pim.put(admins.admin(), "/policies?roleName=" + role.getName(),
                body("maxActivationSeconds", 1800, "justificationPattern", "INC-[0-9]+: .+",
                        "justificationHint", "an incident number, then why: INC-1234: reset a locked account"));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);

        JsonNode listed = pim.get(admins.admin(), "/policies?roleName=" + role.getName()).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("role").path("id").asText()).isEqualTo(role.getId());
        assertThat(listed.get(0).path("maxActivationSeconds").asInt()).isEqualTo(1800);
        assertThat(listed.get(0).path("justificationHint").asText()).isEqualTo("an incident number, then why: INC-1234: reset a locked account");
        assertThat(pim.get(admins.admin(), "/policies/" + role.getId()).json().path("justificationHint").asText())
                .startsWith("an incident number");
    }

    @Test
    void aClientRolesPolicyIsNamedWithItsClientId() {
        String clientId = unique("by-name-client");
        RoleRepresentation role = clientRole(realm, createClient(realm, clientId), "client-by-name");

        Http.Response put = pim.put(admins.admin(), "/policies?roleName=" + role.getName() + "&clientId=" + clientId,
                body("requireTicket", true));

        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().path("role").path("clientId").asText()).isEqualTo(clientId);
        assertThat(pim.get(admins.admin(), "/policies/" + role.getId()).json().path("requireTicket").asBoolean()).isTrue();
        Http.Response realmRoleOfThatName = pim.get(admins.admin(), "/policies?roleName=" + role.getName());
        assertThat(realmRoleOfThatName.status()).isEqualTo(400);
        assertThat(realmRoleOfThatName.json().path("error_description").asText()).contains("no realm role named " + role.getName());
    }

    @Test
    void deleteResetsThePolicyToTheDefaultsAndIsAudited() {
        RoleRepresentation role = realmRole(realm, "reset");
        pim.putPolicy(role.getId(), body("maxActivationSeconds", 600, "requireApproval", false));

        Http.Response byViewer = pim.delete(admins.token(admins.viewer()), "/policies/" + role.getId());
        assertThat(byViewer.status()).isEqualTo(403);
        assertThat(pim.get(admins.admin(), "/policies/" + role.getId()).json().path("maxActivationSeconds").asInt()).isEqualTo(600);

        Http.Response deleted = pim.delete(admins.admin(), "/policies/" + role.getId());
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(pim.get(admins.admin(), "/policies/" + role.getId()).json().path("maxActivationSeconds").asInt()).isEqualTo(28_800);
        JsonNode audited = policyDeletions();
        assertThat(audited).anyMatch(e -> e.path("roleId").asText().equals(role.getId())
                && e.path("details").path("previous").path("maxActivationSeconds").asInt() == 600);

        assertThat(pim.delete(admins.admin(), "/policies?roleName=" + role.getName()).status()).as("again, by name").isEqualTo(204);
        assertThat(policyDeletions()).filteredOn(e -> e.path("roleId").asText().equals(role.getId())).hasSize(1);
        assertThat(pim.delete(admins.admin(), "/policies/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void postingAPolicyIs405WithAHint() {
        Http.Response response = pim.post(admins.admin(), "/policies", body("maxActivationSeconds", 600));

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.error()).isEqualTo("invalid_request");
        assertThat(response.json().path("error_description").asText()).contains("PUT /policies/{roleId}");
    }

    @Test
    void aHintOfMoreThan200CharactersIs400AndChangesNothing() {
        RoleRepresentation role = realmRole(realm, "long-hint");

        Http.Response response = pim.put(admins.admin(), "/policies/" + role.getId(), body("justificationHint", "x".repeat(201)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error_description").asText()).contains("justificationHint");
        assertThat(pim.get(admins.admin(), "/policies/" + role.getId()).json().path("justificationHint").isNull()).isTrue();
    }

    @Test
    void byNameWithoutARoleNameOrWithAnUnknownParameterIs400() {
        Http.Response noName = pim.put(admins.admin(), "/policies?clientId=x", body());
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().path("error_description").asText()).contains("roleName is required");

        Http.Response typo = pim.get(admins.admin(), "/policies?rolename=x");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().path("error_description").asText()).contains("unknown query parameter rolename");
    }

    private static JsonNode policyDeletions() {
        return pim.get(admins.admin(), "/audit?action=POLICY_DELETED").json();
    }
}
