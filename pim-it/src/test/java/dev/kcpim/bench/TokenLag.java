package dev.kcpim.bench;

import static dev.kcpim.it.support.Waits.sleep;

import dev.kcpim.it.support.Jwt;
import dev.kcpim.it.support.KeycloakServer;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Benchmark scenario 4: {@code pim.bench.lagCount} elevations ending 300 ms apart; for each, when the
 * first token without the role was requested relative to {@code endsAt}, whether any token requested
 * after it carried the role, and whether one shortly before lacked it.
 */
final class TokenLag {
    private static final int LAG_COUNT = Integer.getInteger("pim.bench.lagCount", 100);

    private TokenLag() {
    }

    static void run(KeycloakServer pim, Map<String, Object> report, List<String[]> table) {
        TestRealm realm = new TestRealm().createOn(pim);
        String roleId = realm.createRealmRole("lagging");
        List<TestUser> users = new ArrayList<>();
        for (int i = 0; i < LAG_COUNT; i++) {
            users.add(realm.createUser("lag-" + i));
        }
        long firstEnd = System.currentTimeMillis() + 15_000;
        List<Long> endsAt = new ArrayList<>();
        for (int i = 0; i < LAG_COUNT; i++) {
            long end = firstEnd + i * 300L;
            realm.pimAdmin("POST", "/assignments", Map.of("userId", users.get(i).id(), "roleId", roleId, "endsAt", end));
            endsAt.add(end);
        }
        Histogram firstWithout = new Histogram(60_000L, 3);
        long worst = Long.MIN_VALUE;
        int violations = 0;
        int earlyLosses = 0;
        for (int i = 0; i < LAG_COUNT; i++) {
            long end = endsAt.get(i);
            TestUser user = users.get(i);
            while (System.currentTimeMillis() < end - 500) {
                sleep(5);
            }
            long probedAt = System.currentTimeMillis();
            if (probedAt < end - 100 && !Jwt.realmRoles(user.token()).contains("lagging")) {
                earlyLosses++;
                System.out.printf("bench: lag-%d lacked the role %d ms before endsAt%n", i, end - probedAt);
            }
            while (System.currentTimeMillis() < end - 60) {
                sleep(5);
            }
            while (true) {
                long requestedAt = System.currentTimeMillis();
                boolean hasRole = Jwt.realmRoles(user.token()).contains("lagging");
                if (hasRole && requestedAt >= end) {
                    violations++;
                }
                if (!hasRole) {
                    long lag = requestedAt - end;
                    worst = Math.max(worst, lag);
                    firstWithout.recordValue(Math.max(0, lag + 1_000));
                    break;
                }
            }
        }
        sleep(2_000);
        long earliestEnd = Long.MAX_VALUE;
        for (com.fasterxml.jackson.databind.JsonNode r : realm.pimAdmin("GET", "/requests?max=1000", null)) {
            if (r.hasNonNull("endedAt")) {
                earliestEnd = Math.min(earliestEnd, r.path("endedAt").asLong() - r.path("endsAt").asLong());
            }
        }
        Map<String, Object> results = Map.of("elevations", LAG_COUNT,
                "firstTokenWithoutRoleMs", Map.of("p50", firstWithout.getValueAtPercentile(50) - 1_000,
                        "p99", firstWithout.getValueAtPercentile(99) - 1_000, "max", worst),
                "tokensRequestedAfterEndsAtWithRole", violations, "tokensWithoutRoleJustBeforeEndsAt", earlyLosses,
                "earliestEndedAtMinusEndsAtMs", earliestEnd);
        report.put("tokenLag", results);
        table.add(new String[]{"token lag over " + LAG_COUNT + " elevations (ms from endsAt to the first token without the role)",
                "p50 " + (firstWithout.getValueAtPercentile(50) - 1_000) + ", p99 " + (firstWithout.getValueAtPercentile(99) - 1_000)
                        + ", max " + worst, violations + " tokens requested after endsAt carried the role (target 0); " + earlyLosses
                        + " tokens requested 100-500 ms before endsAt lacked it; the task ended them " + earliestEnd + " ms or more after endsAt"});
    }
}
