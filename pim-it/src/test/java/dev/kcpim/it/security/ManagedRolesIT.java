package dev.kcpim.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Concurrently;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.Jwt;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * The set of roles PIM manages survives concurrency and a realm that loses its cached copy: the token
 * guard keeps capping and stripping (it must fail closed).
 */
class ManagedRolesIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    private static final String ATTRIBUTE = "pim.managedRoleIds";
    private static final int ROLES = 20;

    @Test
    void twentyNewRolesUsedAtOnceAreAllManagedAndEveryElevatedUsersTokensCapped() throws Exception {
        List<String> roleIds = new ArrayList<>();
        List<TestUser> users = new ArrayList<>();
        for (int i = 0; i < ROLES; i++) {
            roleIds.add(realm.createRealmRole("burst-" + i));
            users.add(realm.createUser("burst-user-" + i));
        }
        String token = realm.server().adminToken();
        long endsAt = System.currentTimeMillis() + 600_000;
        List<java.util.concurrent.Callable<Http.Response>> calls = new ArrayList<>();
        for (int i = 0; i < ROLES; i++) {
            String roleId = roleIds.get(i);
            TestUser user = users.get(i);
            calls.add(switch (i % 3) {
                case 0 -> () -> Http.put(realm.adminUrl("/pim/policies/" + roleId), token, Map.of("requireOtp", false));
                case 1 -> () -> Http.post(realm.adminUrl("/pim/eligibilities"), token,
                        Map.of("principalType", "USER", "principalId", user.id(), "roleId", roleId));
                default -> () -> Http.post(realm.adminUrl("/pim/assignments"), token,
                        Map.of("userId", user.id(), "roleId", roleId, "endsAt", endsAt, "justification", "burst"));
            });
        }

        List<Http.Response> responses = Concurrently.run(calls);

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isBetween(200, 201));
        assertThat(managedCopy()).containsAll(roleIds);
        for (int i = 0; i < ROLES; i++) {
            if (i % 3 != 2) {
                realm.pimAdmin("POST", "/assignments", Map.of("userId", users.get(i).id(), "roleId", roleIds.get(i), "endsAt", endsAt,
                        "justification", "after the burst"));
            }
        }
        for (TestUser user : users) {
            JsonNode claims = Jwt.claims(user.token());
            assertThat(claims.path("exp").asLong()).as(user.username()).isLessThanOrEqualTo(endsAt / 1000);
            assertThat(claims.path("pim_elevations")).as(user.username()).hasSize(1);
        }
    }

    @Test
    void removingTheRealmAttributeByHandDoesNotTurnTheGuardOff() {
        Guarded g = guardedUser("removed");

        RealmRepresentation rep = realm.resource().toRepresentation();
        rep.getAttributes().remove(ATTRIBUTE);
        realm.resource().update(rep);

        assertThat(managedCopy()).as("the copy is rewritten from the database in the update's transaction").contains(g.roleId());
        assertGuarded(g);
    }

    @Test
    void reImportingAnOlderRealmRepresentationDoesNotTurnTheGuardOff() {
        RealmRepresentation before = realm.resource().toRepresentation();
        Guarded g = guardedUser("reimported");
        assertThat(before.getAttributes().getOrDefault(ATTRIBUTE, "")).as("the older copy").doesNotContain(g.roleId());

        realm.resource().update(before);

        assertThat(managedCopy()).as("rewritten from the database").contains(g.roleId());
        assertGuarded(g);
    }

    private record Guarded(TestUser user, String roleId, String roleName, long endsAt, String requestId) {
    }

    /** A user with an active assignment of a managed role, ending in ten minutes. */
    private static Guarded guardedUser(String name) {
        String roleName = "guarded-" + name;
        String roleId = realm.createRealmRole(roleName);
        TestUser user = realm.createUser("guarded-user-" + name);
        long endsAt = System.currentTimeMillis() + 600_000;
        JsonNode request = realm.pimAdmin("POST", "/assignments", Map.of("userId", user.id(), "roleId", roleId, "endsAt", endsAt,
                "justification", "guarded"));
        return new Guarded(user, roleId, roleName, endsAt, request.path("id").asText());
    }

    /** Caps while active; after the end, the role is left out even where a mapping exists again (granted directly within the minute). */
    private static void assertGuarded(Guarded g) {
        assertThat(Jwt.claims(g.user().token()).path("exp").asLong()).isLessThanOrEqualTo(g.endsAt() / 1000);
        realm.pimAdmin("POST", "/requests/" + g.requestId() + "/revoke", Map.of("reason", "done"));
        realm.resource().users().get(g.user().id()).roles().realmLevel()
                .add(List.of(realm.resource().roles().get(g.roleName()).toRepresentation()));
        assertThat(Jwt.realmRoles(g.user().token())).as("ended elevation's role stripped").doesNotContain(g.roleName());
    }

    private static Set<String> managedCopy() {
        Map<String, String> attributes = new HashMap<>(realm.resource().toRepresentation().getAttributes());
        String value = attributes.getOrDefault(ATTRIBUTE, "");
        return Arrays.stream(value.split("\\s+")).collect(Collectors.toSet());
    }
}
