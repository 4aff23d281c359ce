package dev.kcpim.bench;

import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.KeycloakServer;
import dev.kcpim.it.support.TestRealm;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** What the benchmark's scenarios share: load generation, user import, heap readings, rounding. */
final class BenchTools {
    private BenchTools() {
    }

    static boolean refresh(String[] target) {
        Http.Response response = Http.postForm(target[0], Map.of("grant_type", "refresh_token", "client_id", TestRealm.TEST_CLIENT,
                "refresh_token", target[1]));
        return response.status() == 200;
    }

    /** Runs the operation on {@code threads} threads for {@code seconds}; records latency (ns) when a histogram is given. */
    static long load(Supplier<Boolean> operation, int threads, int seconds, Histogram histogram) throws Exception {
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

    /**
     * Imports users in batches: with password (= username) and tokens when they join a group (the
     * activation scenarios), without credentials otherwise. Returns [username, access token, totp secret].
     */
    static List<String[]> importUsers(TestRealm realm, String prefix, int count, String groupId, boolean withOtp) {
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

    static String secret(String prefix, int i) {
        return ("bench-" + prefix + "-" + i + "-secret-padding").substring(0, 20);
    }

    /** Heap in use after a full GC of the server JVM, read with jcmd. */
    static long heapAfterGc(KeycloakServer server) throws IOException, InterruptedException {
        long pid = server.javaPid();
        run("jcmd", String.valueOf(pid), "GC.run");
        String info = run("jcmd", String.valueOf(pid), "GC.heap_info");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
        return m.find() ? Long.parseLong(m.group(2)) * 1024 : -1;
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        return output;
    }

    static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** Writes report.json and report.md into pim-it/target/bench (or -Dpim.bench.dir) and prints the table. */
    static void writeReport(Map<String, Object> report, List<String[]> table) throws IOException {
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
}
