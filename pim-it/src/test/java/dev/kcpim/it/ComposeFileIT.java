package dev.kcpim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** There is no Docker engine here: check that docker-compose.yml mounts what the build produces. */
class ComposeFileIT {

    private static final Path ROOT = Path.of(System.getProperty("pim.project.root", ".."));

    @Test
    @SuppressWarnings("unchecked")
    void everyMountedHostPathExistsAfterTheBuild() throws IOException {
        Map<String, Object> compose;
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            compose = new Yaml().load(reader);
        }
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Map<String, Object> keycloak = (Map<String, Object>) services.get("keycloak");
        assertThat(String.valueOf(keycloak.get("image"))).endsWith(":26.7.3");

        List<String> hostPaths = new ArrayList<>();
        for (Object service : services.values()) {
            for (Object volume : (List<Object>) ((Map<String, Object>) service).getOrDefault("volumes", List.of())) {
                String host = String.valueOf(volume).split(":")[0];
                if (host.startsWith(".") || host.startsWith("/")) {
                    hostPaths.add(host);
                }
            }
        }
        assertThat(hostPaths).contains("./pim-provider/target/keycloak-pim-provider.jar",
                "./pim-theme/target/keycloak-pim-theme.jar", "./realm-export");
        for (String host : hostPaths) {
            assertThat(ROOT.resolve(host)).as("mounted host path %s", host).exists();
        }
        List<String> mounts = ((List<Object>) keycloak.get("volumes")).stream().map(String::valueOf).toList();
        assertThat(mounts).anyMatch(m -> m.contains(":/opt/keycloak/providers/"));
        assertThat(mounts).anyMatch(m -> m.contains(":/opt/keycloak/data/import"));
        assertThat(hostPaths).noneMatch(p -> p.contains("test-clock"));
    }

    /** The test clock lets a master admin shift the server's clock: the demo must never run with it. */
    @Test
    void theDemoNeverInstallsTheTestClock() throws IOException {
        String script = Files.readString(ROOT.resolve("run-demo.sh"));
        assertThat(script).contains("rm -f \"${DEMO_HOME}/providers/keycloak-pim-test-clock.jar\"");
        String installed = script.lines().filter(l -> l.startsWith("JARS=")).findFirst().orElseThrow();
        assertThat(installed).doesNotContain("test-clock");
    }
}
