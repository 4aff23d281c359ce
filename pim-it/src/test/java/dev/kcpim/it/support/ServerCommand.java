package dev.kcpim.it.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The kc.sh command line of a test server: loopback ports, health, PIM debug logging, the fast expiry task, the database. */
final class ServerCommand {
    private ServerCommand() {
    }

    static List<String> arguments(Path home, KeycloakServer.Mode mode, int httpPort, int managementPort, int clusterPort,
                                  Database database, int expiryIntervalSeconds) {
        String pimLogLevel = System.getProperty("pim.log.level", "debug");
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/kc.sh").toString(), mode == KeycloakServer.Mode.DEV ? "start-dev" : "start",
                "--http-host=127.0.0.1",
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--health-enabled=true",
                "--log-level=INFO,dev.kcpim:" + pimLogLevel + ",org.keycloak.services.managers.DefaultBruteForceProtector:" + pimLogLevel,
                "--spi-events-listener--pim--expiry-interval-seconds=" + expiryIntervalSeconds));
        String threads = System.getProperty("pim.expiry.threads");
        if (threads != null && !threads.isBlank()) {
            command.add("--spi-events-listener--pim--expiry-threads=" + threads);
        }
        if (mode == KeycloakServer.Mode.DEV) {
            command.add("--import-realm");
        } else {
            command.addAll(List.of("--http-enabled=true", "--hostname-strict=false", "--cache=ispn", "--cache-stack=jdbc-ping",
                    "--cache-embedded-network-bind-address=127.0.0.1", "--cache-embedded-network-bind-port=" + clusterPort));
        }
        command.addAll(database.options());
        // Further kc.sh options for an experiment, e.g. -Dpim.server.extraArgs=--db-url-properties=;CACHE_SIZE=262144
        String extra = System.getProperty("pim.server.extraArgs");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        return command;
    }
}
