package dev.kcpim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.Jwt;
import dev.kcpim.it.support.Database;
import dev.kcpim.it.support.KeycloakServer;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.Waits;
import dev.kcpim.it.support.TestUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Restarts and crashes of a Keycloak of its own: PIM state and Keycloak's role mappings stay in agreement. */
class FaultsIT {

    private static KeycloakServer node;

    @BeforeAll
    static void startNode() {
        node = KeycloakServer.dedicated("faults", Database.fresh(System.getProperty("pim.db", "h2")), KeycloakServer.Mode.DEV);
        node.start();
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static JsonNode assign(TestRealm realm, TestUser user, String roleId, long startsAt, long endsAt) {
        Map<String, Object> body = new HashMap<>(Map.of("userId", user.id(), "roleId", roleId, "endsAt", endsAt));
        if (startsAt > 0) {
            body.put("startsAt", startsAt);
        }
        return realm.pimAdmin("POST", "/assignments", body);
    }

    @Test
    void elevationsThatEndedWhileDownAreNotInTokensAndScheduledOnesStartAfterRestart() {
        TestRealm realm = new TestRealm().createOn(node);
        String endingRole = realm.createRealmRole("ends-while-down");
        String startingRole = realm.createRealmRole("starts-while-down");
        TestUser ending = realm.createUser("ending");
        TestUser starting = realm.createUser("starting");
        long now = System.currentTimeMillis();
        JsonNode ended = assign(realm, ending, endingRole, 0, now + 8_000);
        JsonNode scheduled = assign(realm, starting, startingRole, now + 8_000, now + 600_000);
        assertThat(Jwt.realmRoles(ending.token())).contains("ends-while-down");

        node.stop();
        Waits.sleep(Math.max(0, ended.path("endsAt").asLong() + 1_000 - System.currentTimeMillis()));
        int oldPort = URI.create(node.baseUrl()).getPort();
        try (ServerSocket squatter = new ServerSocket()) {
            // another process takes the port while the server is down (seen on busy machines)
            squatter.bind(new InetSocketAddress("127.0.0.1", oldPort));
            node.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(URI.create(node.baseUrl()).getPort()).as("restarted on a fresh port").isNotEqualTo(oldPort);
        long readyAt = System.currentTimeMillis();

        assertThat(Jwt.realmRoles(ending.token())).doesNotContain("ends-while-down");
        long goneAt = Waits.waitUntil(() -> !realm.hasDirectRealmRole(ending, "ends-while-down"), 15_000);
        long startedAt = Waits.waitUntil(() -> realm.hasDirectRealmRole(starting, "starts-while-down"), 15_000);
        // "promptly": the first task runs while the restarted server still warms up
        System.out.printf("restart: mapping removed %d ms and scheduled mapping granted %d ms after the server was ready%n",
                goneAt - readyAt, startedAt - readyAt);
        assertThat(goneAt - readyAt).isLessThanOrEqualTo(10_000);
        assertThat(startedAt - readyAt).isLessThanOrEqualTo(10_000);
        assertThat(realm.pimAdmin("GET", "/requests/" + ended.path("id").asText(), null).path("status").asText()).isEqualTo("EXPIRED");
        assertThat(realm.pimAdmin("GET", "/requests/" + scheduled.path("id").asText(), null).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(realm.pimAdmin("GET", "/audit?userId=" + ending.id() + "&action=EXPIRED", null)).hasSize(1);
    }

    @Test
    void killNineDuringActivationsLeavesEveryMappingWithItsActiveRowAndNoOther() throws Exception {
        TestRealm realm = new TestRealm().createOn(node);
        String roleId = realm.createRealmRole("crash-role");
        realm.putPolicy(roleId, Map.of("requireOtp", false));
        List<TestUser> users = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            TestUser user = realm.createUser("crash-" + i);
            realm.makeEligible(user, roleId);
            users.add(user);
            tokens.add(user.token());
        }
        // H2 writes commits to disk about half a second late: let the set-up reach the disk before the crash.
        Thread.sleep(2_000);
        ExecutorService pool = Executors.newFixedThreadPool(users.size());
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            String token = tokens.get(i);
            int delay = i * 40;
            results.add(pool.submit(() -> {
                Thread.sleep(delay);
                try {
                    return Http.post(realm.url("/pim/me/requests"), token, Map.of("roleId", roleId, "justification", "crash test")).status();
                } catch (RuntimeException connectionLost) {
                    return -1;
                }
            }));
        }
        // the first answer has arrived: crash while the others are in flight
        while (results.stream().noneMatch(Future::isDone)) {
            Thread.sleep(5);
        }
        node.kill();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        node.start();

        int active = 0;
        for (int i = 0; i < users.size(); i++) {
            TestUser user = users.get(i);
            boolean mapped = realm.hasDirectRealmRole(user, "crash-role");
            JsonNode requests = realm.pimAdmin("GET", "/requests?userId=" + user.id() + "&status=ACTIVE", null);
            assertThat(mapped).as("user %d: mapping present iff ACTIVE row (answer %d)", i, statuses.get(i)).isEqualTo(requests.size() == 1);
            // H2 (dev mode) writes committed data to disk with a delay, so a crash loses the last
            // commits; PostgreSQL does not, and there an answered activation must survive the crash.
            if (statuses.get(i) == 201 && node.database().isPostgres()) {
                assertThat(mapped).as("user %d was answered 201", i).isTrue();
            }
            active += requests.size();
        }
        assertThat(statuses).contains(201);
        if (node.database().isPostgres()) {
            assertThat(active).isGreaterThanOrEqualTo((int) statuses.stream().filter(s -> s == 201).count());
        }
    }
}
