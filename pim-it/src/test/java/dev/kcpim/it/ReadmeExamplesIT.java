package dev.kcpim.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcpim.it.support.KeycloakServer;
import dev.kcpim.it.support.PimIntegrationTest;
import dev.kcpim.it.support.Totp;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The README's API examples and the demo's PIM set-up script work as written, against the demo
 * realm of the test server.
 */
@PimIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadmeExamplesIT {

    private static final Path ROOT = Path.of(System.getProperty("pim.project.root", ".."));
    private static final String ALICE_SECRET = "alice-demo-otp-secret";

    record Result(int exitCode, String output) {
    }

    @Test
    @Order(1)
    void demoSetupScriptConfiguresPimOnceAndIsIdempotent(KeycloakServer server) throws Exception {
        aliceHasSetUpHerAuthenticator(server);

        Result first = bash(server, "exec " + ROOT.resolve("realm-export/pim-demo-setup.sh").toAbsolutePath(), Map.of());
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("PIM policies and eligibilities configured");

        Result second = bash(server, "exec " + ROOT.resolve("realm-export/pim-demo-setup.sh").toAbsolutePath(), Map.of());
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).contains("nothing to do");
    }

    @Test
    @Order(2)
    void apiExamplesRunAsWritten(KeycloakServer server) throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int begin = readme.indexOf("<!-- api-examples:begin -->");
        int end = readme.indexOf("<!-- api-examples:end -->");
        assertThat(begin).isPositive();
        assertThat(end).isGreaterThan(begin);
        List<String> blocks = new ArrayList<>();
        Matcher matcher = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(readme.substring(begin, end));
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        assertThat(blocks).hasSize(3);

        Result result = bash(server, "set -euo pipefail\n" + String.join("\n", blocks), Map.of(
                "LOGIN_OTP", Totp.now(ALICE_SECRET), "OTP", Totp.next(ALICE_SECRET)));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("\"status\": \"REVOKED\"").contains("\"status\": \"DEACTIVATED\"")
                .contains("user-administrator").contains("principal.name");
    }

    @Test
    @Order(3)
    void tokenGuardOptOutCommandWorksAsWritten(KeycloakServer server) throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher line = Pattern.compile("(?m)^kcadm\\.sh update realms/pim-demo -s 'attributes\\.\"pim\\.tokenGuard\"=disabled'$").matcher(readme);
        assertThat(line.find()).as("the opt-out command is in the README").isTrue();
        try {
            Result result = bash(server, "set -euo pipefail\n"
                    + "kcadm.sh config credentials --server \"$KC\" --realm master --user admin --password admin\n" + line.group(), Map.of());
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(server.admin().realm("pim-demo").toRepresentation().getAttributes()).containsEntry("pim.tokenGuard", "disabled");
        } finally {
            org.keycloak.representations.idm.RealmRepresentation demo = server.admin().realm("pim-demo").toRepresentation();
            demo.getAttributes().remove("pim.tokenGuard");
            demo.getAttributes().put("pim.tokenGuard", "enabled");
            server.admin().realm("pim-demo").update(demo);
        }
    }

    /** What alice's first login does in the demo: set up OTP (here with a known secret). */
    private static void aliceHasSetUpHerAuthenticator(KeycloakServer server) {
        UserRepresentation alice = server.admin().realm("pim-demo").users().search("alice", true).get(0);
        alice.setRequiredActions(List.of());
        alice.setGroups(List.of("/it-staff"));
        alice.setRealmRoles(List.of("default-roles-pim-demo"));
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue("alice");
        password.setTemporary(false);
        CredentialRepresentation otp = new CredentialRepresentation();
        otp.setType("otp");
        otp.setSecretData("{\"value\":\"" + ALICE_SECRET + "\"}");
        otp.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"period\":30,\"algorithm\":\"HmacSHA1\",\"counter\":0}");
        alice.setCredentials(List.of(password, otp));
        PartialImportRepresentation partial = new PartialImportRepresentation();
        partial.setIfResourceExists(PartialImportRepresentation.Policy.OVERWRITE.name());
        partial.setUsers(List.of(alice));
        try (Response response = server.admin().realm("pim-demo").partialImport(partial)) {
            assertThat(response.getStatus()).isEqualTo(200);
        }
    }

    private static Result bash(KeycloakServer server, String script, Map<String, String> extraEnv) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("readme-home");
        Path kcBin = server.home().resolve("bin");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("HOME", home.toString());
        env.put("PATH", kcBin + ":" + env.get("PATH"));
        env.put("KC", server.baseUrl());
        env.put("KCADM", kcBin.resolve("kcadm.sh").toString());
        env.putAll(extraEnv);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
