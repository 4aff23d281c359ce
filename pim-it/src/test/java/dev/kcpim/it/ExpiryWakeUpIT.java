package dev.kcpim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Database;
import dev.kcpim.it.support.KeycloakServer;
import dev.kcpim.it.support.ServerClock;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import dev.kcpim.it.support.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The expiry task wakes up at the due moment instead of waiting for its next periodic run: on a server
 * of its own whose periodic run comes once an hour, an elevation ending in a few seconds ends on time.
 * Nothing else can end it in the test (no token requests, no clock shift): only the one-shot run
 * scheduled at the end of the previous run.
 */
class ExpiryWakeUpIT {
    private static final int HOURLY = 3600;

    private static KeycloakServer server;
    private static TestRealm realm;

    @BeforeAll
    static void start() {
        server = KeycloakServer.dedicated("wake-up", Database.fresh(System.getProperty("pim.db", "h2")), KeycloakServer.Mode.DEV)
                .withExpiryIntervalSeconds(HOURLY);
        server.start();
        realm = new TestRealm().createOn(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anElevationEndsAtItsEndLongBeforeTheNextPeriodicRun() throws IOException {
        String roleId = realm.createRealmRole("woken");
        TestUser user = realm.createUser("woken-user");
        long endsAt = System.currentTimeMillis() + 8_000;
        String requestId = realm.pimAdmin("POST", "/assignments", Map.of("userId", user.id(), "roleId", roleId, "endsAt", endsAt))
                .path("id").asText();
        // A run now (as the periodic one would) sees the end coming and schedules the wake-up for it.
        new ServerClock(realm).runExpiry();

        Waits.waitUntil(() -> "EXPIRED".equals(request(requestId).path("status").asText()), 30_000);

        JsonNode expired = request(requestId);
        long lag = expired.path("endedAt").asLong() - expired.path("endsAt").asLong();
        System.out.printf("wake-up: ended %d ms after endsAt (periodic interval %d s)%n", lag, HOURLY);
        assertThat(lag).as("endedAt - endsAt").isBetween(0L, 5_000L);
        assertThat(realm.hasDirectRealmRole(user, "woken")).isFalse();
        assertThat(Files.readString(server.log())).contains("PIM expiry: wake-up run");
    }

    private static JsonNode request(String requestId) {
        return realm.pimAdmin("GET", "/requests/" + requestId, null);
    }
}
