package dev.kcpim.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The provider's layers point one way (see the README's "Where things are"): rest → service →
 * domain/jpa; token, expiry and events → service; the domain imports nothing of Keycloak, JPA or
 * JAX-RS (plain Java and the RE2/J regex library only). Read from the sources' import lines, so a new import that breaks the rule fails here.
 */
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/kcpim");
    private static final Pattern PIM_IMPORT = Pattern.compile("^import (?:static )?dev\\.kcpim\\.([a-z]+)\\.", Pattern.MULTILINE);
    private static final Pattern ANY_IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)", Pattern.MULTILINE);

    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "domain", Set.of(),
            "jpa", Set.of("domain"),
            "notify", Set.of("domain", "jpa"),
            "service", Set.of("domain", "jpa", "notify"),
            "token", Set.of("domain", "jpa", "service"),
            "expiry", Set.of("domain", "jpa", "service"),
            "events", Set.of("domain", "jpa", "service", "token", "expiry"),
            "rest", Set.of("domain", "jpa", "service"));

    private static Map<String, Set<String>> dependencies;

    @BeforeAll
    static void readImports() {
        dependencies = new TreeMap<>();
        for (Path file : javaFiles()) {
            String layer = SOURCES.relativize(file).getName(0).toString();
            Matcher m = PIM_IMPORT.matcher(read(file));
            Set<String> used = dependencies.computeIfAbsent(layer, k -> new TreeSet<>());
            while (m.find()) {
                if (!m.group(1).equals(layer)) {
                    used.add(m.group(1));
                }
            }
        }
    }

    @Test
    void everyPackageIsALayerWithARule() {
        assertThat(ALLOWED.keySet()).containsAll(dependencies.keySet());
    }

    @Test
    void layersImportOnlyTheLayersBelowThem() {
        Map<String, Set<String>> violations = new TreeMap<>();
        dependencies.forEach((layer, used) -> used.stream()
                .filter(dependency -> !ALLOWED.getOrDefault(layer, Set.of()).contains(dependency))
                .forEach(dependency -> violations.computeIfAbsent(layer, k -> new TreeSet<>()).add(dependency)));
        assertThat(violations).as("layer -> layers it must not import").isEmpty();
    }

    @Test
    void theDomainIsPlainJava() {
        List<String> foreign = new ArrayList<>();
        for (Path file : javaFiles()) {
            if (!SOURCES.relativize(file).getName(0).toString().equals("domain")) {
                continue;
            }
            Matcher m = ANY_IMPORT.matcher(read(file));
            while (m.find()) {
                String imported = m.group(1);
                if (!imported.startsWith("java.") && !imported.startsWith("dev.kcpim.domain.") && !imported.startsWith("com.google.re2j.")) {
                    foreign.add(file.getFileName() + ": " + imported);
                }
            }
        }
        assertThat(foreign).isEmpty();
    }

    private static List<Path> javaFiles() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
