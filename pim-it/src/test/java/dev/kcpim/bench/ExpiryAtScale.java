package dev.kcpim.bench;

import static dev.kcpim.bench.BenchTools.heapAfterGc;
import static dev.kcpim.bench.BenchTools.importUsers;
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
 * expiry task takes to end them all) and the server's heap after GC with and without them.
 */
final class ExpiryAtScale {
    private static final int EXPIRY_COUNT = Integer.getInteger("pim.bench.expiryCount", 10_000);

    private ExpiryAtScale() {
    }

    static void run(KeycloakServer pim, Map<String, Object> report, List<String[]> table) throws Exception {
        TestRealm realm = new TestRealm().createOn(pim);
        String roleId = realm.createRealmRole("mass-role");
        long importStart = System.currentTimeMillis();
        importUsers(realm, "mass", EXPIRY_COUNT, null, false);
        List<String> userIds = new ArrayList<>();
        for (int first = 0; first < EXPIRY_COUNT; first += 1000) {
            realm.resource().users().search("mass-", first, 1000, true).forEach(u -> userIds.add(u.getId()));
        }
        System.out.printf("bench: %d users imported in %d s%n", userIds.size(), (System.currentTimeMillis() - importStart) / 1000);
        long heapWithout = heapAfterGc(pim);

        long createStart = System.currentTimeMillis();
        long endsAt = createStart + Math.max(120_000L, EXPIRY_COUNT * 15L);
        String token = pim.adminToken();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            futures.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < userIds.size()) {
                    Http.Response r = Http.post(realm.adminUrl("/pim/assignments"), token,
                            Map.of("userId", userIds.get(i), "roleId", roleId, "endsAt", endsAt));
                    if (r.status() != 201) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        long created = System.currentTimeMillis();
        System.out.printf("bench: %d assignments created in %d s (%d failed); they end %d s from now%n", userIds.size() - failed.get(),
                (created - createStart) / 1000, failed.get(), (endsAt - created) / 1000);
        long heapWith = heapAfterGc(pim);
        if (created > endsAt - 5_000) {
            throw new IllegalStateException("creating the assignments took too long for the chosen endsAt");
        }

        sleep(endsAt - System.currentTimeMillis());
        long allGoneAt = 0;
        long deadline = endsAt + 600_000;
        while (System.currentTimeMillis() < deadline) {
            int holders = realm.resource().roles().get("mass-role").getUserMembers(0, 1).size();
            if (holders == 0) {
                allGoneAt = System.currentTimeMillis();
                break;
            }
            sleep(200);
        }
        Histogram lag = new Histogram(3_600_000L, 3);
        for (int first = 0; ; first += 1000) {
            JsonNode page = Http.get(realm.adminUrl("/pim/requests?status=EXPIRED&first=" + first + "&max=1000"), pim.adminToken()).json();
            for (JsonNode r : page) {
                lag.recordValue(Math.max(0, r.path("endedAt").asLong() - r.path("endsAt").asLong()));
            }
            if (page.size() < 1000) {
                break;
            }
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("elevations", userIds.size() - failed.get());
        results.put("allMappingsGoneAfterMs", allGoneAt == 0 ? null : allGoneAt - endsAt);
        results.put("expiredRows", lag.getTotalCount());
        results.put("endedAtLagMs", Map.of("p50", lag.getValueAtPercentile(50), "p99", lag.getValueAtPercentile(99), "max", lag.getMaxValue()));
        results.put("statementsPerElevation", "1 claim UPDATE, 1 role-mapping DELETE, 1 audit INSERT, plus 1 SELECT per batch of 500");
        report.put("expiryAtScale", results);
        table.add(new String[]{EXPIRY_COUNT + " elevations due in the same second",
                allGoneAt == 0 ? "not all gone in 10 min" : "all mappings gone " + (allGoneAt - endsAt) + " ms after endsAt",
                "endedAt - endsAt p50 " + lag.getValueAtPercentile(50) + " ms, p99 " + lag.getValueAtPercentile(99) + " ms, max " + lag.getMaxValue() + " ms (target <= 10 s)"});
        report.put("memory", Map.of("heapUsedWithoutElevationsMB", heapWithout / (1024 * 1024), "heapUsedWith10kActiveMB", heapWith / (1024 * 1024)));
        table.add(new String[]{"Keycloak heap after GC, " + EXPIRY_COUNT + " users", "no elevations: " + heapWithout / (1024 * 1024) + " MB",
                EXPIRY_COUNT + " active elevations: " + heapWith / (1024 * 1024) + " MB"});
    }
}
