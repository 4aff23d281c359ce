package dev.kcpim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Jwt;
import dev.kcpim.it.support.ServerClock;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many elevations ending in one run of the expiry task: they end in batches on several threads, each
 * batch removing its mappings in one statement; every request is audited once, exactly as one at a time.
 */
class BulkExpiryIT {
    private static final int COUNT = 120;

    @RegisterExtension
    static final TestRealm realm = new TestRealm();
    @RegisterExtension
    final ServerClock clock = new ServerClock(realm);

    private static String assign(TestUser user, String roleId, long endsAt) {
        return realm.pimAdmin("POST", "/assignments", Map.of("userId", user.id(), "roleId", roleId, "endsAt", endsAt)).path("id").asText();
    }

    private static JsonNode expiredEntry(TestUser user) {
        JsonNode entries = realm.pimAdmin("GET", "/audit?userId=" + user.id() + "&action=EXPIRED", null);
        assertThat(entries).as("EXPIRED entries of %s", user.username()).hasSize(1);
        return entries.get(0);
    }

    @Test
    void manyElevationsEndingInOneRunAllLoseTheirMappingAndAreAuditedOnce() {
        String roleName = "bulk-role";
        String roleId = realm.createRealmRole(roleName);
        long endsAt = ServerClock.nowMillis() + 120_000;
        List<TestUser> users = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            TestUser user = realm.createUser("bulk-" + i);
            assign(user, roleId, endsAt);
            users.add(user);
        }
        // Mapped directly by an admin before the scheduled window starts: PIM leaves that mapping alone (mappingAdded false).
        TestUser standing = realm.createUser("bulk-standing");
        realm.pimAdmin("POST", "/assignments", Map.of("userId", standing.id(), "roleId", roleId, "startsAt", endsAt - 60_000, "endsAt", endsAt));
        realm.resource().users().get(standing.id()).roles().realmLevel().add(List.of(realm.resource().roles().get(roleName).toRepresentation()));
        // An admin maps the role while PIM's mapping exists: Keycloak keeps the one mapping, which PIM removes at the end.
        TestUser mappedMeanwhile = realm.createUser("bulk-mapped-meanwhile");
        assign(mappedMeanwhile, roleId, endsAt);
        realm.resource().users().get(mappedMeanwhile.id()).roles().realmLevel().add(List.of(realm.resource().roles().get(roleName).toRepresentation()));

        TestUser tokenUser = users.get(0);
        assertThat(Jwt.realmRoles(tokenUser.token())).contains(roleName);
        for (TestUser user : users) {
            // Read through Keycloak's user cache, so that the cached users hold the mapping until evicted.
            assertThat(realm.hasDirectRealmRole(user, roleName)).isTrue();
        }

        clock.advance(Duration.ofMillis(endsAt - 60_000 - ServerClock.nowMillis()).plusSeconds(1));
        clock.runExpiry();
        JsonNode started = realm.pimAdmin("GET", "/audit?userId=" + standing.id() + "&action=STARTED", null);
        assertThat(started.get(0).path("details").path("mappingAdded").asBoolean(true)).as(started.toString()).isFalse();

        clock.advance(Duration.ofMillis(endsAt - ServerClock.nowMillis()).plusSeconds(1));
        clock.runExpiry();
        clock.runExpiry();

        assertThat(Jwt.realmRoles(tokenUser.token())).as("a token right after the run").doesNotContain(roleName);
        List<String> stillHeld = new ArrayList<>();
        for (TestUser user : users) {
            if (realm.hasDirectRealmRole(user, roleName)) {
                stillHeld.add(user.username());
            }
            JsonNode entry = expiredEntry(user);
            assertThat(entry.path("details").path("mappingRemoved").asBoolean()).as(entry.toString()).isTrue();
            assertThat(entry.path("actor").path("username").asText()).isEqualTo("system");
        }
        assertThat(stillHeld).as("users still holding the role (read through the user cache)").isEmpty();

        assertThat(realm.hasDirectRealmRole(standing, roleName)).isTrue();
        assertThat(expiredEntry(standing).path("details").path("mappingRemoved").asBoolean(true)).isFalse();
        assertThat(realm.hasDirectRealmRole(mappedMeanwhile, roleName)).isFalse();
        assertThat(expiredEntry(mappedMeanwhile).path("details").path("mappingRemoved").asBoolean()).isTrue();

        assertThat(realm.pimAdmin("GET", "/requests?roleId=" + roleId + "&status=EXPIRED&max=1000", null)).hasSize(COUNT + 2);
    }
}
