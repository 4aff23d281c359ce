package dev.kcpim.it.support;

import static dev.kcpim.it.support.Ports.freePort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak process from the unpacked official distribution, with the freshly built PIM jars
 * in its providers/ folder, started in dev mode on free ports of 127.0.0.1.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    /** The expiry task interval of the test server (the product default is 5 s; the bench sets it with {@code pim.expiry.intervalSeconds}). */
    public static final int EXPIRY_INTERVAL_SECONDS = Integer.getInteger("pim.expiry.intervalSeconds", 1);

    /** DEV: {@code start-dev}, local caches. CLUSTER: production {@code start} with embedded Infinispan and JDBC_PING discovery. */
    public enum Mode { DEV, CLUSTER }

    private final Path home;
    private final Path workDir;
    private final Database database;
    private final Mode mode;
    private int httpPort;
    private int managementPort;
    private int clusterPort;
    private final Path log;
    private Process process;
    private int expiryIntervalSeconds = EXPIRY_INTERVAL_SECONDS;
    private org.keycloak.admin.client.Keycloak admin;

    private KeycloakServer(Path home, Path workDir, Database database, Mode mode) {
        this.home = home;
        this.workDir = workDir;
        this.database = database;
        this.mode = mode;
        this.httpPort = freePort();
        this.managementPort = freePort();
        this.clusterPort = mode == Mode.CLUSTER ? Ports.freeClusterPort() : 0;
        this.log = workDir.resolve("keycloak.log");
    }

    /** Starts the shared server of the test run, described by the system properties the failsafe plugin sets. */
    public static KeycloakServer startFromSystemProperties() {
        Path home = Path.of(requiredProperty("pim.keycloak.home"));
        Path workDir = Path.of(requiredProperty("pim.work.dir"));
        KeycloakServer server = new KeycloakServer(home, workDir, Database.fromSystemProperties(), Mode.DEV);
        ServerHome.resetData(home, workDir, server.database, Path.of(requiredProperty("pim.realm.export")));
        server.start();
        return server;
    }

    /**
     * A server of its own (for restart, kill and cluster tests): a copy of the distribution under the
     * run's work directory, not started yet. Nodes given the same PostgreSQL {@link Database} form a
     * cluster in {@link Mode#CLUSTER}.
     */
    public static KeycloakServer dedicated(String name, Database database, Mode mode) {
        Path source = Path.of(requiredProperty("pim.keycloak.home"));
        Path workDir = Path.of(requiredProperty("pim.work.dir")).resolve(name);
        Path home = workDir.resolve("keycloak");
        try {
            ServerHome.deleteRecursively(workDir);
            Files.createDirectories(workDir);
            Process copy = new ProcessBuilder("cp", "-a", source.toString(), home.toString()).inheritIO().start();
            if (copy.waitFor() != 0) {
                throw new IllegalStateException("cannot copy " + source);
            }
            ServerHome.deleteRecursively(home.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new KeycloakServer(home, workDir, database, mode);
    }

    /**
     * Starts (or restarts) the process on the same data, and waits until it is ready. A restart keeps
     * the ports unless another process took one meanwhile (a busy machine reuses freed ports): then
     * it moves to fresh ports, also when the bind fails at start-up; {@link #baseUrl()} follows.
     */
    public synchronized void start() {
        for (int attempt = 1; ; attempt++) {
            if (!Ports.isFree(httpPort) || !Ports.isFree(managementPort) || (clusterPort != 0 && !Ports.isFree(clusterPort))) {
                choosePorts();
            }
            try {
                launch();
                return;
            } catch (IllegalStateException failed) {
                if (attempt >= 3 || failed.getMessage() == null || !failed.getMessage().contains("Address already in use")) {
                    throw failed;
                }
                System.out.println("Keycloak " + workDir.getFileName() + ": a port was taken during start-up; retrying on fresh ports");
                choosePorts();
            }
        }
    }

    private void choosePorts() {
        httpPort = freePort();
        managementPort = freePort();
        if (clusterPort != 0) {
            clusterPort = Ports.freeClusterPort();
        }
        closeAdmin();
    }

    private void launch() {
        try {
            Files.createDirectories(workDir);
            List<String> command = ServerCommand.arguments(home, mode, httpPort, managementPort, clusterPort, database, expiryIntervalSeconds);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> env = builder.environment();
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            env.put("JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx1g");
            process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(this::stopProcess));
            waitUntilReady();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the process as a crash would: SIGKILL, no shutdown. */
    public synchronized void kill() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeAdmin();
    }

    /** A graceful stop; {@link #start()} brings it back on the same ports and data. */
    public void stop() {
        closeAdmin();
        stopProcess();
    }

    private synchronized void closeAdmin() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }

    private void waitUntilReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; log " + log + ":\n" + logTail());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(ready).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Waits.sleep(500);
        }
        stopProcess();
        throw new IllegalStateException("Keycloak was not ready within " + START_TIMEOUT + "; log " + log + ":\n" + logTail());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** An admin client logged in as the bootstrap admin of the master realm. */
    public synchronized org.keycloak.admin.client.Keycloak admin() {
        if (admin == null) {
            admin = org.keycloak.admin.client.Keycloak.getInstance(baseUrl(), "master", ADMIN_USERNAME, ADMIN_PASSWORD, "admin-cli");
        }
        return admin;
    }

    /** A fresh access token of the master realm's bootstrap admin. */
    public String adminToken() {
        return admin().tokenManager().getAccessTokenString();
    }

    /** The Keycloak installation directory (bin/, providers/, data/). */
    public Path home() {
        return home;
    }

    public Database database() {
        return database;
    }

    /** Another expiry task interval for this server; call before {@link #start()}. */
    public KeycloakServer withExpiryIntervalSeconds(int seconds) {
        expiryIntervalSeconds = seconds;
        return this;
    }

    /** Removes the PIM jars from this server's providers/ (for a plain-Keycloak baseline); call before {@link #start()}. */
    public KeycloakServer withoutPimJars() {
        ServerHome.removePimJars(home);
        return this;
    }

    /** The process id of the server's JVM (kc.sh starts it as a child). */
    public long javaPid() {
        return process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .findFirst().map(ProcessHandle::pid).orElse(process.pid());
    }

    public Path log() {
        return log;
    }

    /** Whether this node's log shows a cluster view of {@code nodes} members (Infinispan's ISPN000094). */
    public boolean seesClusterOf(int nodes) {
        try {
            return Files.readAllLines(log).stream().anyMatch(line -> line.contains("ISPN000094") && line.contains("(" + nodes + ")"));
        } catch (IOException notYet) {
            return false;
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void stopProcess() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set; run the tests through Maven (mvn verify)");
        }
        return value;
    }

}
