package dev.kcpim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.Jwt;
import dev.kcpim.it.support.KeycloakServer;
import dev.kcpim.it.support.PimKeycloak;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import dev.kcpim.it.support.Totp;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The benchmark run ({@code mvn -Pbench verify}): real Keycloak 26.7.3 with the PIM jars (the
 * test run's server) and, for the token-overhead baseline, the same distribution without them.
 * Fixed warm-up and duration per scenario; latency percentiles from HdrHistogram. Prints a table
 * and writes {@code pim-it/target/bench/report.json} and {@code report.md}. Figures are reported,
 * never asserted.
 */
@ExtendWith(PimKeycloak.class)
class PimBench {

    private static final int WARMUP_SECONDS = Integer.getInteger("pim.bench.warmupSeconds", 5);
    private static final int SLICE_SECONDS = Integer.getInteger("pim.bench.sliceSeconds", 10);
    private static final int TOKEN_THREADS = Integer.getInteger("pim.bench.tokenThreads", 4);
    private static final int EXPIRY_COUNT = Integer.getInteger("pim.bench.expiryCount", 10_000);
    private static final int LAG_COUNT = Integer.getInteger("pim.bench.lagCount", 100);

    private final Map<String, Object> report = new LinkedHashMap<>();
    private final List<String[]> table = new ArrayList<>();

    @Test
    void run(KeycloakServer pim) throws Exception {
        report.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.version"),
                "java", System.getProperty("java.version"), "database", pim.database().kind()));
        KeycloakServer plain = KeycloakServer.dedicated("bench-plain", KeycloakServer.Database.fresh(pim.database().kind()),
                KeycloakServer.Mode.DEV).withoutPimJars();
        plain.start();
        try {
            tokenOverhead(pim, plain);
        } finally {
            plain.close();
        }
        activation(pim);
        tokenLag(pim);
        expiryAtScaleAndMemory(pim);
        writeReport();
    }

    // ---------------------------------------------------------------- 1. token overhead

    private void tokenOverhead(KeycloakServer pim, KeycloakServer plain) throws Exception {
        Map<String, String[]> refreshTokens = new LinkedHashMap<>();
        for (Map.Entry<String, KeycloakServer> server : Map.of("pim", pim, "plain", plain).entrySet()) {
            TestRealm realm = new TestRealm().createOn(server.getValue());
            String roleId = realm.createRealmRole("bench-admin");
            TestUser none = realm.createUser("no-elevation");
            TestUser elevated = realm.createUser("elevated");
            if (server.getKey().equals("pim")) {
                realm.pimAdmin("POST", "/assignments", Map.of("userId", elevated.id(), "roleId", roleId,
                        "endsAt", System.currentTimeMillis() + 3_600_000L));
            } else {
                realm.resource().users().get(elevated.id()).roles().realmLevel()
                        .add(List.of(realm.resource().roles().get("bench-admin").toRepresentation()));
            }
            refreshTokens.put(server.getKey() + "/none", new String[]{realm.url("/protocol/openid-connect/token"),
                    none.tokenResponse().path("refresh_token").asText()});
            refreshTokens.put(server.getKey() + "/elevated", new String[]{realm.url("/protocol/openid-connect/token"),
                    elevated.tokenResponse().path("refresh_token").asText()});
        }
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String key : refreshTokens.keySet()) {
            histograms.put(key, new Histogram(60_000_000_000L, 3));
            counts.put(key, 0L);
            seconds.put(key, 0.0);
        }
        for (String key : refreshTokens.keySet()) {
            String[] target = refreshTokens.get(key);
            load(() -> refresh(target), TOKEN_THREADS, WARMUP_SECONDS, null);
        }
        List<String> order = List.of("pim/none", "plain/none", "pim/elevated", "plain/elevated");
        for (int round = 0; round < 2; round++) {
            for (String key : order) {
                String[] target = refreshTokens.get(key);
                Histogram slice = new Histogram(60_000_000_000L, 3);
                long start = System.nanoTime();
                long done = load(() -> refresh(target), TOKEN_THREADS, SLICE_SECONDS, slice);
                seconds.put(key, seconds.get(key) + (System.nanoTime() - start) / 1e9);
                counts.put(key, counts.get(key) + done);
                histograms.get(key).add(slice);
            }
        }
        Map<String, Object> results = new LinkedHashMap<>();
        for (String key : order) {
            double throughput = counts.get(key) / seconds.get(key);
            Histogram h = histograms.get(key);
            results.put(key, Map.of("requestsPerSecond", round1(throughput), "p50ms", ms(h.getValueAtPercentile(50)),
                    "p99ms", ms(h.getValueAtPercentile(99)), "requests", counts.get(key)));
            table.add(new String[]{"refresh-token grant, " + key, round1(throughput) + " req/s",
                    "p50 " + ms(h.getValueAtPercentile(50)) + " ms, p99 " + ms(h.getValueAtPercentile(99)) + " ms"});
        }
        for (String user : List.of("none", "elevated")) {
            double ratio = (counts.get("pim/" + user) / seconds.get("pim/" + user)) / (counts.get("plain/" + user) / seconds.get("plain/" + user));
            results.put("ratio/" + user, round3(ratio));
            table.add(new String[]{"token throughput ratio (PIM / plain), user " + user, String.valueOf(round3(ratio)), "target >= 0.97"});
        }
        report.put("tokenOverhead", results);
    }

    private static boolean refresh(String[] target) {
        Http.Response response = Http.postForm(target[0], Map.of("grant_type", "refresh_token", "client_id", TestRealm.TEST_CLIENT,
                "refresh_token", target[1]));
        return response.status() == 200;
    }

    /** Runs the operation on {@code threads} threads for {@code seconds}; records latency (ns) when a histogram is given. */
    private static long load(Supplier<Boolean> operation, int threads, int seconds, Histogram histogram) throws Exception {
        Recorder recorder = new Recorder(3);
        AtomicInteger ok = new AtomicInteger();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    if (operation.get()) {
                        recorder.recordValue(System.nanoTime() - start);
                        ok.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        if (histogram != null) {
            histogram.add(recorder.getIntervalHistogram());
        }
        return ok.get();
    }

    // ---------------------------------------------------------------- 2. activation

    private void activation(KeycloakServer pim) throws Exception {
        // Thousands of users with passwords: Keycloak's default 600,000 hash iterations would make the set-up take an hour.
        TestRealm realm = new TestRealm().passwordPolicy("hashAlgorithm(pbkdf2-sha256) and hashIterations(1000)").createOn(pim);
        String otpRole = realm.createRealmRole("otp-activation");
        String openRole = realm.createRealmRole("no-otp-activation");
        realm.putPolicy(openRole, Map.of("requireOtp", false));
        String groupId = realm.createGroup("/bench-staff");
        realm.makeGroupEligible(groupId, otpRole);
        realm.makeGroupEligible(groupId, openRole);
        Map<String, Object> results = new LinkedHashMap<>();
        int[] levels = {1, 8, 32};
        int[] perLevel = {60, 160, 320};
        for (int i = 0; i < levels.length; i++) {
            int concurrency = levels[i];
            List<String[]> users = importUsers(realm, "otp-" + concurrency, perLevel[i], groupId, true);
            Histogram latency = new Histogram(60_000_000_000L, 3);
            AtomicInteger next = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            List<Future<?>> futures = new ArrayList<>();
            Recorder recorder = new Recorder(3);
            for (int t = 0; t < concurrency; t++) {
                futures.add(pool.submit(() -> {
                    int index;
                    while ((index = next.getAndIncrement()) < users.size()) {
                        String[] user = users.get(index);
                        Map<String, Object> body = Map.of("roleId", otpRole, "justification", "bench", "otp", Totp.now(user[2]));
                        long start = System.nanoTime();
                        Http.Response response = Http.post(realm.url("/pim/me/requests"), user[1], body);
                        long took = System.nanoTime() - start;
                        if (response.status() == 201) {
                            recorder.recordValue(took);
                        } else {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            latency.add(recorder.getIntervalHistogram());
            results.put("otp/c" + concurrency, Map.of("activations", latency.getTotalCount(), "failures", failures.get(),
                    "p50ms", ms(latency.getValueAtPercentile(50)), "p99ms", ms(latency.getValueAtPercentile(99))));
            table.add(new String[]{"activation with OTP, concurrency " + concurrency, latency.getTotalCount() + " activations",
                    "p50 " + ms(latency.getValueAtPercentile(50)) + " ms, p99 " + ms(latency.getValueAtPercentile(99)) + " ms"
                            + (failures.get() > 0 ? ", " + failures.get() + " failed" : "")});
        }
        for (int concurrency : levels) {
            List<String[]> users = importUsers(realm, "open-" + concurrency, concurrency, groupId, false);
            Histogram histogram = new Histogram(60_000_000_000L, 3);
            AtomicInteger slot = new AtomicInteger();
            ThreadLocal<String[]> ownUser = ThreadLocal.withInitial(() -> users.get(slot.getAndIncrement()));
            long start = System.nanoTime();
            long done = load(() -> activateAndDeactivate(realm, ownUser.get()[1], openRole), concurrency, SLICE_SECONDS, histogram);
            double throughput = done / ((System.nanoTime() - start) / 1e9);
            results.put("noOtp/c" + concurrency, Map.of("activationsPerSecond", round1(throughput),
                    "p50ms", ms(histogram.getValueAtPercentile(50)), "p99ms", ms(histogram.getValueAtPercentile(99))));
            table.add(new String[]{"activate + deactivate without OTP, concurrency " + concurrency, round1(throughput) + " cycles/s",
                    "p50 " + ms(histogram.getValueAtPercentile(50)) + " ms, p99 " + ms(histogram.getValueAtPercentile(99)) + " ms per cycle"});
        }
        report.put("activation", results);
    }

    /** One cycle per call; a thread owns one user, so its cycles never conflict with another thread's. */
    private static boolean activateAndDeactivate(TestRealm realm, String token, String roleId) {
        Http.Response created = Http.post(realm.url("/pim/me/requests"), token, Map.of("roleId", roleId, "justification", "bench"));
        if (created.status() != 201) {
            return false;
        }
        return Http.post(realm.url("/pim/me/requests/" + created.json().path("id").asText() + "/deactivate"), token, Map.of()).status() == 200;
    }

    /**
     * Imports users in batches: with password (= username) and tokens when they join a group (the
     * activation scenarios), without credentials otherwise. Returns [username, access token, totp secret].
     */
    private static List<String[]> importUsers(TestRealm realm, String prefix, int count, String groupId, boolean withOtp) {
        String groupPath = groupId == null ? null : realm.resource().groups().group(groupId).toRepresentation().getPath();
        for (int from = 0; from < count; from += 500) {
            List<UserRepresentation> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 500); i++) {
                UserRepresentation user = new UserRepresentation();
                user.setUsername(prefix + "-" + i);
                user.setEnabled(true);
                user.setEmail(prefix + "-" + i + "@bench.test");
                user.setEmailVerified(true);
                user.setFirstName("Bench");
                user.setLastName(prefix + "-" + i);
                user.setRealmRoles(List.of("default-roles-" + realm.name()));
                if (groupPath != null) {
                    user.setGroups(List.of(groupPath));
                }
                if (groupPath == null) {
                    batch.add(user);
                    continue;
                }
                List<CredentialRepresentation> credentials = new ArrayList<>();
                CredentialRepresentation password = new CredentialRepresentation();
                password.setType(CredentialRepresentation.PASSWORD);
                password.setValue(prefix + "-" + i);
                password.setTemporary(false);
                credentials.add(password);
                if (withOtp) {
                    CredentialRepresentation otp = new CredentialRepresentation();
                    otp.setType("otp");
                    otp.setSecretData("{\"value\":\"" + secret(prefix, i) + "\"}");
                    otp.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"period\":30,\"algorithm\":\"HmacSHA1\",\"counter\":0}");
                    credentials.add(otp);
                }
                user.setCredentials(credentials);
                batch.add(user);
            }
            PartialImportRepresentation partial = new PartialImportRepresentation();
            partial.setIfResourceExists(PartialImportRepresentation.Policy.FAIL.name());
            partial.setUsers(batch);
            try (Response response = realm.resource().partialImport(partial)) {
                if (response.getStatus() != 200) {
                    throw new IllegalStateException("import failed: " + response.getStatus());
                }
            }
        }
        List<String[]> users = new ArrayList<>();
        if (groupId == null) {
            return users;
        }
        for (int i = 0; i < count; i++) {
            String username = prefix + "-" + i;
            String token = realm.passwordGrant(TestRealm.TEST_CLIENT, username, username).path("access_token").asText();
            users.add(new String[]{username, token, secret(prefix, i)});
        }
        return users;
    }

    private static String secret(String prefix, int i) {
        return ("bench-" + prefix + "-" + i + "-secret-padding").substring(0, 20);
    }

    // ---------------------------------------------------------------- 4. token lag

    private void tokenLag(KeycloakServer pim) {
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
        for (int i = 0; i < LAG_COUNT; i++) {
            long end = endsAt.get(i);
            TestUser user = users.get(i);
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
        Map<String, Object> results = Map.of("elevations", LAG_COUNT,
                "firstTokenWithoutRoleMs", Map.of("p50", firstWithout.getValueAtPercentile(50) - 1_000,
                        "p99", firstWithout.getValueAtPercentile(99) - 1_000, "max", worst),
                "tokensRequestedAfterEndsAtWithRole", violations);
        report.put("tokenLag", results);
        table.add(new String[]{"token lag over " + LAG_COUNT + " elevations (ms from endsAt to the first token without the role)",
                "p50 " + (firstWithout.getValueAtPercentile(50) - 1_000) + ", p99 " + (firstWithout.getValueAtPercentile(99) - 1_000)
                        + ", max " + worst, violations + " tokens requested after endsAt carried the role (target 0)"});
    }

    // ---------------------------------------------------------------- 3. + 5. expiry at scale, memory

    private void expiryAtScaleAndMemory(KeycloakServer pim) throws Exception {
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

    /** Heap in use after a full GC of the server JVM, read with jcmd. */
    private static long heapAfterGc(KeycloakServer server) throws IOException, InterruptedException {
        long pid = server.javaPid();
        run("jcmd", String.valueOf(pid), "GC.run");
        String info = run("jcmd", String.valueOf(pid), "GC.heap_info");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
        return m.find() ? Long.parseLong(m.group(2)) * 1024 : -1;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        return output;
    }

    // ---------------------------------------------------------------- report

    private void writeReport() throws IOException {
        Path dir = Path.of(System.getProperty("pim.bench.dir", "target/bench"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.json"), Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        StringBuilder md = new StringBuilder("| scenario | result | detail |\n|---|---|---|\n");
        for (String[] row : table) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        md.append("\nMachine: ").append(report.get("machine")).append("\n");
        Files.writeString(dir.resolve("report.md"), md.toString());
        System.out.println("\n==== keycloak-pim benchmark ====");
        System.out.println(md);
        System.out.println("Report: " + dir.toAbsolutePath().resolve("report.json") + " and report.md");
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }



}
