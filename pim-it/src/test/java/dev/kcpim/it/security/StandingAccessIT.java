package dev.kcpim.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RoleRepresentation;

/** Every observable way a PIM-managed role comes to be held outside PIM is audited as STANDING_ACCESS_GRANTED. */
class StandingAccessIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private static RoleRepresentation managedRole() {
        String name = "standing-" + COUNTER.incrementAndGet();
        String id = realm.createRealmRole(name);
        realm.putPolicy(id, Map.of("maxActivationSeconds", 3600));
        return realm.resource().roles().get(name).toRepresentation();
    }

    private static JsonNode standing(TestUser user) {
        return realm.pimAdmin("GET", "/audit?userId=" + user.id() + "&action=STANDING_ACCESS_GRANTED", null);
    }

    @Test
    void joiningAGroupThatHoldsAManagedRole() {
        RoleRepresentation role = managedRole();
        String groupId = realm.createGroup("/holders-" + COUNTER.incrementAndGet());
        realm.resource().groups().group(groupId).roles().realmLevel().add(List.of(role));
        TestUser user = realm.createUser("joiner-" + COUNTER.incrementAndGet());

        realm.joinGroup(user, groupId);

        JsonNode entries = standing(user);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).path("roleId").asText()).isEqualTo(role.getId());
        assertThat(entries.get(0).path("details").path("via").asText()).startsWith("membership of group /holders-");
    }

    @Test
    void joiningASubgroupOfAGroupThatHoldsAManagedRole() {
        RoleRepresentation role = managedRole();
        String parent = "/parent-" + COUNTER.incrementAndGet();
        String parentId = realm.createGroup(parent);
        String childId = realm.createGroup(parent + "/child");
        realm.resource().groups().group(parentId).roles().realmLevel().add(List.of(role));
        TestUser user = realm.createUser("subjoiner-" + COUNTER.incrementAndGet());

        realm.joinGroup(user, childId);

        assertThat(standing(user)).hasSize(1);
    }

    @Test
    void grantingAManagedRoleToAGroupAuditsEveryMemberIncludingSubgroups() {
        RoleRepresentation role = managedRole();
        String path = "/team-" + COUNTER.incrementAndGet();
        String groupId = realm.createGroup(path);
        String subId = realm.createGroup(path + "/sub");
        TestUser direct = realm.createUser("member-" + COUNTER.incrementAndGet());
        TestUser nested = realm.createUser("nested-" + COUNTER.incrementAndGet());
        realm.joinGroup(direct, groupId);
        realm.joinGroup(nested, subId);

        realm.resource().groups().group(groupId).roles().realmLevel().add(List.of(role));

        assertThat(standing(direct)).hasSize(1);
        assertThat(standing(nested)).hasSize(1);
        assertThat(standing(nested).get(0).path("details").path("via").asText()).isEqualTo("role mapping of group " + path);
    }

    @Test
    void addingAManagedRoleAsACompositeOfAHeldRoleAuditsItsHolders() {
        RoleRepresentation managed = managedRole();
        String wrapperName = "wrapper-" + COUNTER.incrementAndGet();
        realm.createRealmRole(wrapperName);
        RoleRepresentation wrapper = realm.resource().roles().get(wrapperName).toRepresentation();
        TestUser holder = realm.createUser("holder-" + COUNTER.incrementAndGet());
        realm.resource().users().get(holder.id()).roles().realmLevel().add(List.of(wrapper));
        String groupId = realm.createGroup("/wrapped-" + COUNTER.incrementAndGet());
        realm.resource().groups().group(groupId).roles().realmLevel().add(List.of(wrapper));
        TestUser viaGroup = realm.createUser("viagroup-" + COUNTER.incrementAndGet());
        realm.joinGroup(viaGroup, groupId);

        realm.resource().roles().get(wrapperName).addComposites(List.of(managed));

        assertThat(standing(holder)).hasSize(1);
        assertThat(standing(holder).get(0).path("details").path("via").asText()).isEqualTo("composite role " + wrapperName);
        assertThat(standing(viaGroup)).hasSize(1);
    }

    @Test
    void grantingACompositeThatContainsAManagedRoleDirectly() {
        RoleRepresentation managed = managedRole();
        String compositeName = "bundle-" + COUNTER.incrementAndGet();
        realm.createRealmRole(compositeName);
        realm.resource().roles().get(compositeName).addComposites(List.of(managed));
        TestUser user = realm.createUser("bundled-" + COUNTER.incrementAndGet());

        realm.resource().users().get(user.id()).roles().realmLevel().add(List.of(realm.resource().roles().get(compositeName).toRepresentation()));

        JsonNode entries = standing(user);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).path("roleId").asText()).isEqualTo(managed.getId());
        assertThat(entries.get(0).path("details").path("via").asText()).isEqualTo("direct role mapping of " + compositeName);
    }

    @Test
    void pimsOwnGrantsAreNotStandingAccess() {
        RoleRepresentation role = managedRole();
        realm.putPolicy(role.getId(), Map.of("requireOtp", false));
        TestUser user = realm.createUser("pim-only-" + COUNTER.incrementAndGet());
        realm.makeEligible(user, role.getId());

        assertThat(user.post("/me/requests", Map.of("roleId", role.getId(), "justification", "x")).status()).isEqualTo(201);

        assertThat(standing(user)).isEmpty();
    }
}
