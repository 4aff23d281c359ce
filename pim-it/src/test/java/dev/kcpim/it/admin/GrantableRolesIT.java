package dev.kcpim.it.admin;

import static dev.kcpim.it.support.Bodies.body;
import static dev.kcpim.it.support.RealmObjects.realmRole;
import static dev.kcpim.it.support.RealmObjects.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.AdminUsers;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.PimAdminApi;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * {@code GET /roles}: the realm's roles for the admin console's pickers, each with whether PIM manages
 * it and whether the caller may grant it. "grantable" must say exactly what POST /eligibilities then
 * does for that admin, so the console never offers a grant the API refuses.
 */
class GrantableRolesIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    static final AdminUsers admins = new AdminUsers(realm);
    static final PimAdminApi pim = admins.api();

    private static RoleRepresentation realmManagementRole(String name) {
        String clientId = realm.resource().clients().findByClientId("realm-management").get(0).getId();
        return realm.resource().clients().get(clientId).roles().get(name).toRepresentation();
    }

    private static JsonNode find(JsonNode roles, String id) {
        return StreamSupport.stream(roles.spliterator(), false).filter(r -> r.path("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("role " + id + " not listed in " + roles));
    }

    @Test
    void listsRealmAndClientRolesWithManagedAndSearch() {
        RoleRepresentation managed = realmRole(realm, "listed-managed");
        RoleRepresentation plain = realmRole(realm, "listed-plain");
        pim.createEligibility(body("principalType", "USER", "principalId", realm.createUser(unique("listed")).id(), "roleId", managed.getId()));

        JsonNode all = pim.get(admins.admin(), "/roles?max=1000").json();
        assertThat(find(all, managed.getId()).path("managed").asBoolean()).isTrue();
        assertThat(find(all, plain.getId()).path("managed").asBoolean()).isFalse();
        JsonNode manageUsers = find(all, realmManagementRole("manage-users").getId());
        assertThat(manageUsers.path("clientId").asText()).isEqualTo("realm-management");
        assertThat(manageUsers.path("name").asText()).isEqualTo("manage-users");
        assertThat(all).allSatisfy(role -> assertThat(role.path("grantable").asBoolean()).as(role.toString()).isTrue());

        JsonNode searched = pim.get(admins.admin(), "/roles?search=" + plain.getName().toUpperCase()).json();
        assertThat(searched).hasSize(1);
        assertThat(searched.get(0).path("id").asText()).isEqualTo(plain.getId());
        JsonNode clientSearch = pim.get(admins.admin(), "/roles?search=realm-management%20manage-u").json();
        assertThat(clientSearch).extracting(r -> r.path("name").asText()).containsExactly("manage-users");
        JsonNode onlyManaged = pim.get(admins.admin(), "/roles?managed=true&max=1000").json();
        assertThat(onlyManaged).allSatisfy(role -> assertThat(role.path("managed").asBoolean()).isTrue());
        assertThat(onlyManaged).extracting(r -> r.path("id").asText()).contains(managed.getId()).doesNotContain(plain.getId());
    }

    @Test
    void grantableSaysWhatTheEligibilityEndpointDoesForAManageUsersAdmin() {
        RoleRepresentation plain = realmRole(realm, "grant-plain");
        RoleRepresentation smuggler = realmRole(realm, "grant-composite");
        realm.resource().rolesById().addComposites(smuggler.getId(), List.of(realmManagementRole("manage-realm")));
        List<RoleRepresentation> candidates = List.of(plain, smuggler, realmManagementRole("realm-admin"),
                realmManagementRole("manage-users"), realmManagementRole("view-users"), realmManagementRole("manage-clients"));
        String manager = admins.token(admins.manager());

        JsonNode listed = pim.get(manager, "/roles?max=1000").json();
        for (RoleRepresentation role : candidates) {
            boolean grantable = find(listed, role.getId()).path("grantable").asBoolean();
            TestUser target = realm.createUser(unique("grant-target"));
            Http.Response grant = pim.post(manager, "/eligibilities", body("principalType", "USER", "principalId", target.id(), "roleId", role.getId()));
            assertThat(grant.status()).as(role.getName() + " listed grantable=" + grantable + " -> " + grant).isEqualTo(grantable ? 201 : 403);
        }
        assertThat(find(listed, plain.getId()).path("grantable").asBoolean()).isTrue();
        assertThat(find(listed, smuggler.getId()).path("grantable").asBoolean()).as("a composite holding manage-realm").isFalse();
        assertThat(find(listed, realmManagementRole("realm-admin").getId()).path("grantable").asBoolean()).isFalse();

        JsonNode onlyGrantable = pim.get(manager, "/roles?grantable=true&max=1000").json();
        assertThat(onlyGrantable).allSatisfy(role -> assertThat(role.path("grantable").asBoolean()).isTrue());
        assertThat(onlyGrantable).extracting(r -> r.path("id").asText()).contains(plain.getId()).doesNotContain(smuggler.getId());
    }

    @Test
    void viewUsersMayListButAPlainUserMayNotAndBadFiltersAre400() {
        assertThat(pim.get(admins.token(admins.viewer()), "/roles").status()).isEqualTo(200);
        Http.Response plainUser = pim.get(admins.token(admins.plainUser()), "/roles");
        assertThat(plainUser.status()).isEqualTo(403);
        for (String path : List.of("/roles?grantable=maybe", "/roles?managed=1", "/roles?name=x", "/roles?max=0")) {
            Http.Response response = pim.get(admins.admin(), path);
            assertThat(response.status()).as(path + " -> " + response).isEqualTo(400);
            assertThat(response.error()).isEqualTo("invalid_request");
        }
    }
}
