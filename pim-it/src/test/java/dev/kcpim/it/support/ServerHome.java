package dev.kcpim.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** The files of a test server's Keycloak installation: fresh data with the realm exports to import, and its PIM jars. */
final class ServerHome {
    private ServerHome() {
    }

    /** Empties data/, puts the realm exports into data/import and prepares the database. */
    static void resetData(Path home, Path workDir, Database database, Path realmExport) {
        try {
            Files.createDirectories(workDir);
            deleteRecursively(home.resolve("data"));
            Path importDir = Files.createDirectories(home.resolve("data/import"));
            try (Stream<Path> exports = Files.list(realmExport)) {
                for (Path json : exports.filter(p -> p.toString().endsWith(".json")).toList()) {
                    Files.copy(json, importDir.resolve(json.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            database.prepare();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes every keycloak-pim-* jar (provider, theme, test clock) from providers/. */
    static void removePimJars(Path home) {
        try (Stream<Path> jars = Files.list(home.resolve("providers"))) {
            for (Path jar : jars.filter(p -> p.getFileName().toString().startsWith("keycloak-pim-")).toList()) {
                Files.delete(jar);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
