package dev.kcpim.bench;

import static dev.kcpim.bench.BenchTools.heapAfterGc;
import static dev.kcpim.bench.BenchTools.round1;
import static dev.kcpim.bench.BenchTools.round3;
import static dev.kcpim.it.support.Waits.sleep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.KeycloakServer;
import dev.kcpim.it.support.TestRealm;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Benchmark scenarios 3 and 5: {@code pim.bench.expiryCount} elevations due in the same second (how long the
 * expiry task takes to end them all) and the server's heap after GC with and without them. The server runs the
 * product's 5 s interval ({@code pim.expiry.intervalSeconds} in the bench profile); the assignments are seeded
 * through PIM's own assign path, many per transaction, by the test-only jar.
 */
final class ExpiryAtScale {
    private static final int EXPIRY_COUNT = Integer.getInteger("pim.bench.expiryCount", 10_000);
    /** How long from the start of seeding the elevations end, per elevation (seeding must finish before). */
    private static final long SEED_MILLIS_PER_ELEVATION = Long.getLong("pim.bench.seedMillisPerElevation", 10);
    private static final int SEED_THREADS = 2;
    static final String ROLE = "mass-role";

    private ExpiryAtScale() {
    }

    /** The seeded assignments: how many were created, when they all end, and when seeding started and ended. */
    record Seeded(int created, long endsAt, long startedAt, long endedAt) {
    }

    static void run(KeycloakServer pim, Map<String, Object> report, List<String[]> table) throws Exception {
        TestRealm realm = new TestRealm().createOn(pim);
        String roleId = realm.createRealmRole(ROLE);
        List<String> userIds = importUsers(pim, realm);
        long heapWithout = heapAfterGc(pim);
        Seeded seeded = seedAssignments(pim, realm, roleId, userIds);
        long heapWith = heapAfterGc(pim);
        long endsAt = seeded.endsAt();
        long allGoneAt = waitUntilAllGone(pim, realm, endsAt);
        Histogram lag = endedAtLag(pim, realm);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("elevations", seeded.created());
        results.put("allMappingsGoneAfterMs", allGoneAt == 0 ? null : allGoneAt - endsAt);
        results.put("expiredRows", lag.getTotalCount());
        results.put("endedAtLagMs", Map.of("p50", lag.getValueAtPercentile(50), "p99", lag.getValueAtPercentile(99), "max", lag.getMaxValue()));
        results.put("expiryIntervalSeconds", Integer.getInteger("pim.expiry.intervalSeconds", KeycloakServer.EXPIRY_INTERVAL_SECONDS));
        results.put("expiryThreads", Integer.getInteger("pim.expiry.threads", 4));
        results.put("seedingSeconds", (seeded.endedAt() - seeded.startedAt()) / 1000);
        results.put("statementsPerElevation", "1 audit INSERT; per batch of <= 500: 1 SELECT ... FOR UPDATE of the requests,"
                + " 1 claim UPDATE, 1 SELECT and 1 DELETE of their USER_ROLE_MAPPING rows; per wave of threads x 5 x 500: 1 SELECT of due ids");
        report.put("expiryAtScale", results);
        table.add(new String[]{EXPIRY_COUNT + " elevations due in the same second",
                allGoneAt == 0 ? "not all gone in 10 min" : "all mappings gone " + (allGoneAt - endsAt) + " ms after endsAt",
                "endedAt - endsAt p50 " + lag.getValueAtPercentile(50) + " ms, p99 " + lag.getValueAtPercentile(99) + " ms, max " + lag.getMaxValue()
                        + " ms (target: all gone <= 5 s for 10,000, <= 30 s for 100,000)"});
        report.put("memory", Map.of("heapUsedWithoutElevationsMB", heapWithout / (1024 * 1024), "heapUsedWith10kActiveMB", heapWith / (1024 * 1024)));
        table.add(new String[]{"Keycloak heap after GC, " + EXPIRY_COUNT + " users", "no elevations: " + heapWithout / (1024 * 1024) + " MB",
                EXPIRY_COUNT + " active elevations: " + heapWith / (1024 * 1024) + " MB"});
    }

    /** {@link #EXPIRY_COUNT} users, through Keycloak's user model in the test-only jar (the partial-import API takes 8 ms a user). */
    static List<String> importUsers(KeycloakServer server, TestRealm realm) {
        long importStart = System.currentTimeMillis();
        List<String> userIds = new ArrayList<>();
        // Chunks small enough for the HTTP client's 30 s timeout on PostgreSQL too (5,000 timed out there).
        for (int from = 0; from < EXPIRY_COUNT; from += 500) {
            Http.Response r = Http.post(server.baseUrl() + "/realms/master/pim-test-clock/users", server.adminToken(),
                    Map.of("realm", realm.name(), "prefix", "mass", "from", from, "count", Math.min(500, EXPIRY_COUNT - from)));
            if (r.status() != 200) {
                throw new IllegalStateException("creating users failed: " + r);
            }
            r.json().path("ids").forEach(id -> userIds.add(id.asText()));
        }
        System.out.printf("bench: %d users imported in %d s%n", userIds.size(), (System.currentTimeMillis() - importStart) / 1000);
        return userIds;
    }

    /** One time-bound assignment of the role per user, all ending at the same instant, through PIM's own assign path. */
    static Seeded seedAssignments(KeycloakServer server, TestRealm realm, String roleId, List<String> userIds) throws Exception {
        long createStart = System.currentTimeMillis();
        long endsAt = createStart + Math.max(60_000L, EXPIRY_COUNT * SEED_MILLIS_PER_ELEVATION);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger created = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(SEED_THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < SEED_THREADS; t++) {
            futures.add(pool.submit(() -> {
                int from;
                while ((from = next.getAndAdd(250)) < userIds.size()) {
                    // Many per transaction, through the test-only jar (see AssignmentSeeder).
                    Http.Response r = Http.post(server.baseUrl() + "/realms/master/pim-test-clock/assignments", server.adminToken(),
                            Map.of("realm", realm.name(), "roleId", roleId, "endsAt", endsAt,
                                    "userIds", userIds.subList(from, Math.min(userIds.size(), from + 250))));
                    if (r.status() != 200) {
                        throw new IllegalStateException("seeding failed: " + r);
                    }
                    created.addAndGet(r.json().path("created").asInt());
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        long createdAt = System.currentTimeMillis();
        int failed = userIds.size() - created.get();
        System.out.printf("bench: %d assignments created in %d s (%d failed); they end %d s from now%n", created.get(),
                (createdAt - createStart) / 1000, failed, (endsAt - createdAt) / 1000);
        if (createdAt > endsAt - 5_000) {
            throw new IllegalStateException("creating the assignments took too long for the chosen endsAt");
        }
        return new Seeded(created.get(), endsAt, createStart, createdAt);
    }

    /**
     * Waits for {@code endsAt}, then until no ACTIVE request of the realm due by then is left (polled every 100 ms
     * through the test-only jar: one index probe, where Keycloak's role-members query sorts every holder by name and
     * kept one of the two cores' database busy); then checks once that nobody holds the role any more. Returns when
     * the last due request was seen ended; 0 when not within 10 minutes or when a mapping outlived its request.
     */
    static long waitUntilAllGone(KeycloakServer server, TestRealm realm, long endsAt) {
        sleep(endsAt - System.currentTimeMillis());
        long deadline = endsAt + 600_000;
        String dueActive = server.baseUrl() + "/realms/master/pim-test-clock/due-active?realm=" + realm.name() + "&endingBy=" + endsAt;
        while (System.currentTimeMillis() < deadline) {
            if (!Http.get(dueActive, server.adminToken()).json().path("any").asBoolean(true)) {
                long gone = System.currentTimeMillis();
                boolean mappingsLeft = !realm.resource().roles().get(ROLE).getUserMembers(0, 1).isEmpty();
                if (mappingsLeft) {
                    System.out.println("bench: every due request ended, but a mapping of the role is left");
                }
                return mappingsLeft ? 0 : gone;
            }
            sleep(100);
        }
        return 0;
    }

    /** {@code endedAt - endsAt} of every EXPIRED request of the realm, in ms. */
    static Histogram endedAtLag(KeycloakServer server, TestRealm realm) {
        Histogram lag = new Histogram(3_600_000L, 3);
        for (int first = 0; ; first += 1000) {
            JsonNode page = Http.get(realm.adminUrl("/pim/requests?status=EXPIRED&first=" + first + "&max=1000"), server.adminToken()).json();
            for (JsonNode r : page) {
                lag.recordValue(Math.max(0, r.path("endedAt").asLong() - r.path("endsAt").asLong()));
            }
            if (page.size() < 1000) {
                return lag;
            }
        }
    }
}
