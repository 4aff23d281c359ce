package dev.kcpim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Database;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.KeycloakServer;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Benchmark scenario 6 (PostgreSQL only): {@code pim.bench.expiryCount} elevations due in the same second on a
 * cluster of two nodes (production mode, one database), both running the expiry task at the product's interval.
 * Seeded on node A, watched from node B; every request must be ended exactly once: one EXPIRED audit entry each.
 */
final class ExpiryOnTwoNodes {
    private static final Pattern PASS = Pattern.compile("due transitions took (\\d+) ms \\((\\d+) ended");

    private ExpiryOnTwoNodes() {
    }

    static void run(Map<String, Object> report, List<String[]> table) throws Exception {
        Database database = Database.fresh("postgres");
        KeycloakServer nodeA = KeycloakServer.dedicated("bench-node-a", database, KeycloakServer.Mode.CLUSTER);
        KeycloakServer nodeB = KeycloakServer.dedicated("bench-node-b", database, KeycloakServer.Mode.CLUSTER);
        try {
            nodeA.start();
            nodeB.start();
            Waits.waitUntil(() -> nodeA.seesClusterOf(2) && nodeB.seesClusterOf(2), 60_000);
            TestRealm onA = new TestRealm().createOn(nodeA);
            TestRealm onB = onA.sameRealmOn(nodeB);
            String roleId = onA.createRealmRole(ExpiryAtScale.ROLE);
            ExpiryAtScale.Seeded seeded = ExpiryAtScale.seedAssignments(nodeA, onA, roleId, ExpiryAtScale.importUsers(nodeA, onA));
            long allGoneAt = ExpiryAtScale.waitUntilAllGone(nodeB, onB, seeded.endsAt());
            Histogram lag = ExpiryAtScale.endedAtLag(nodeB, onB);
            Map<String, Integer> expiredEntriesPerRequest = expiredAuditEntriesPerRequest(nodeB, onB);
            long notExactlyOnce = expiredEntriesPerRequest.values().stream().filter(n -> n != 1).count()
                    + Math.max(0, seeded.created() - expiredEntriesPerRequest.size());

            Map<String, Object> results = new LinkedHashMap<>();
            results.put("elevations", seeded.created());
            results.put("allMappingsGoneAfterMs", allGoneAt == 0 ? null : allGoneAt - seeded.endsAt());
            results.put("expiredRequests", lag.getTotalCount());
            results.put("requestsWithExpiredAuditEntries", expiredEntriesPerRequest.size());
            results.put("requestsNotEndedExactlyOnce", notExactlyOnce);
            results.put("endedAtLagMs", Map.of("p50", lag.getValueAtPercentile(50), "p99", lag.getValueAtPercentile(99), "max", lag.getMaxValue()));
            Map<String, Object> nodes = Map.of("A", passesOverOneSecond(nodeA), "B", passesOverOneSecond(nodeB));
            results.put("passesOverOneSecondPerNode", nodes);
            report.put("expiryOnTwoNodes", results);
            table.add(new String[]{seeded.created() + " elevations due in the same second, two nodes",
                    (allGoneAt == 0 ? "not all gone in 10 min" : "all mappings gone " + (allGoneAt - seeded.endsAt()) + " ms after endsAt")
                            + "; " + notExactlyOnce + " requests not ended exactly once",
                    "endedAt - endsAt p50 " + lag.getValueAtPercentile(50) + " ms, p99 " + lag.getValueAtPercentile(99) + " ms; "
                            + expiredEntriesPerRequest.size() + " requests with an EXPIRED audit entry; passes over 1 s (ms, ended) per node: "
                            + nodes});
        } finally {
            nodeB.close();
            nodeA.close();
        }
    }

    /** requestId → number of EXPIRED audit entries, over the realm's whole audit. */
    private static Map<String, Integer> expiredAuditEntriesPerRequest(KeycloakServer node, TestRealm realm) {
        Map<String, Integer> perRequest = new HashMap<>();
        for (int first = 0; ; first += 1000) {
            JsonNode page = Http.get(realm.adminUrl("/pim/audit?action=EXPIRED&first=" + first + "&max=1000"), node.adminToken()).json();
            for (JsonNode entry : page) {
                perRequest.merge(entry.path("requestId").asText(), 1, Integer::sum);
            }
            if (page.size() < 1000) {
                return perRequest;
            }
        }
    }

    /** The node's expiry passes that took over a second, as logged: "took ms / ended" pairs. */
    private static List<String> passesOverOneSecond(KeycloakServer node) throws IOException {
        return Files.readAllLines(node.log()).stream().map(PASS::matcher).filter(Matcher::find)
                .map(m -> m.group(1) + " ms / " + m.group(2)).toList();
    }
}
