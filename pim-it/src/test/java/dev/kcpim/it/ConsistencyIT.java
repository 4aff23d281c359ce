package dev.kcpim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

/** PIM follows changes made in Keycloak outside PIM, and never blocks them. */
class ConsistencyIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    private static final AtomicInteger COUNTER = new AtomicInteger();

    record Active(TestUser user, String roleName, String roleId, String requestId, String eligibilityId) {
    }

    private static Active activeElevation() {
        int n = COUNTER.incrementAndGet();
        String roleName = "managed-" + n;
        String roleId = realm.createRealmRole(roleName);
        realm.putPolicy(roleId, Map.of("requireOtp", false));
        TestUser user = realm.createUser("consistent-" + n);
        String eligibilityId = realm.makeEligible(user, roleId);
        JsonNode request = user.post("/me/requests", Map.of("roleId", roleId, "justification", "work")).json();
        assertThat(request.path("status").asText()).isEqualTo("ACTIVE");
        return new Active(user, roleName, roleId, request.path("id").asText(), eligibilityId);
    }

    private static JsonNode request(String id) {
        return realm.pimAdmin("GET", "/requests/" + id, null);
    }

    @Test
    void removingTheMappingOutsidePimRevokesTheElevation() {
        Active a = activeElevation();
        RoleRepresentation role = realm.resource().roles().get(a.roleName()).toRepresentation();

        realm.resource().users().get(a.user().id()).roles().realmLevel().remove(List.of(role));

        JsonNode request = request(a.requestId());
        assertThat(request.path("status").asText()).isEqualTo("REVOKED");
        assertThat(request.path("endReason").asText()).contains("removed outside PIM");
        assertThat(realm.pimAdmin("GET", "/audit?userId=" + a.user().id() + "&action=REVOKED", null)).hasSize(1);
        // the user may activate again
        assertThat(a.user().post("/me/requests", Map.of("roleId", a.roleId(), "justification", "again")).status()).isEqualTo(201);
    }

    @Test
    void grantingAManagedRoleOutsidePimIsAuditedAsStandingAccess() {
        int n = COUNTER.incrementAndGet();
        String roleName = "standing-" + n;
        String roleId = realm.createRealmRole(roleName);
        realm.putPolicy(roleId, Map.of("maxActivationSeconds", 3600));
        TestUser user = realm.createUser("standing-user-" + n);
        String unmanaged = "unmanaged-" + n;
        realm.createRealmRole(unmanaged);

        realm.resource().users().get(user.id()).roles().realmLevel().add(List.of(
                realm.resource().roles().get(roleName).toRepresentation(), realm.resource().roles().get(unmanaged).toRepresentation()));

        JsonNode entries = realm.pimAdmin("GET", "/audit?userId=" + user.id() + "&action=STANDING_ACCESS_GRANTED", null);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).path("roleId").asText()).isEqualTo(roleId);
    }

    @Test
    void deletingTheUserCleansUpButKeepsTheAudit() {
        Active a = activeElevation();

        realm.resource().users().delete(a.user().id()).close();

        assertThat(request(a.requestId()).path("status").asText()).isEqualTo("REVOKED");
        assertThat(realm.pimAdmin("GET", "/eligibilities?roleId=" + a.roleId(), null)).isEmpty();
        assertThat(realm.pimAdmin("GET", "/audit?userId=" + a.user().id() + "&action=ACTIVATED", null)).hasSize(1);
        assertThat(realm.pimAdmin("GET", "/audit?userId=" + a.user().id() + "&action=CLEANED_UP", null)).isNotEmpty();
    }

    @Test
    void deletingTheRoleCleansUp() {
        Active a = activeElevation();

        realm.resource().roles().deleteRole(a.roleName());

        assertThat(request(a.requestId()).path("status").asText()).isEqualTo("REVOKED");
        assertThat(realm.pimAdmin("GET", "/eligibilities?userId=" + a.user().id(), null)).isEmpty();
        Http.Response policy = Http.get(realm.adminUrl("/pim/policies/" + a.roleId()), realm.server().adminToken());
        assertThat(policy.status()).isEqualTo(404);
    }

    @Test
    void deletingTheGroupEndsWhatItGranted() {
        int n = COUNTER.incrementAndGet();
        String roleName = "group-managed-" + n;
        String roleId = realm.createRealmRole(roleName);
        realm.putPolicy(roleId, Map.of("requireOtp", false));
        String groupId = realm.createGroup("/team-" + n);
        TestUser user = realm.createUser("team-member-" + n);
        realm.joinGroup(user, groupId);
        realm.makeGroupEligible(groupId, roleId);
        String requestId = user.post("/me/requests", Map.of("roleId", roleId, "justification", "work")).json().path("id").asText();

        realm.resource().groups().group(groupId).remove();

        assertThat(request(requestId).path("status").asText()).isEqualTo("REVOKED");
        assertThat(realm.hasDirectRealmRole(user, roleName)).isFalse();
        assertThat(realm.pimAdmin("GET", "/eligibilities?roleId=" + roleId, null)).isEmpty();
    }

    @Test
    void deletingARealmWithPimDataSucceeds() {
        String name = "doomed-" + COUNTER.incrementAndGet();
        RealmRepresentation rep = new RealmRepresentation();
        rep.setRealm(name);
        rep.setEnabled(true);
        realm.server().admin().realms().create(rep);
        String token = realm.server().adminToken();
        String base = realm.server().baseUrl() + "/admin/realms/" + name;
        Http.post(base + "/roles", token, Map.of("name", "doomed-role"));
        Http.post(base + "/users", token, Map.of("username", "doomed-user", "enabled", true));
        Http.Response created = Http.post(base + "/pim/eligibilities", token,
                Map.of("principalType", "USER", "username", "doomed-user", "roleName", "doomed-role"));
        assertThat(created.status()).isEqualTo(201);

        realm.server().admin().realm(name).remove();

        assertThat(realm.server().admin().realms().findAll()).noneMatch(r -> r.getRealm().equals(name));
    }
}
