package dev.kcpim.it.admin;

import static dev.kcpim.it.support.JsonNodes.id;
import static dev.kcpim.it.support.JsonNodes.ids;
import static dev.kcpim.it.support.RealmObjects.realmRole;
import static dev.kcpim.it.support.RealmObjects.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.AdminUsers;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.PimAdminApi;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RoleRepresentation;

/** The admin API through Keycloak's own {@code kcadm.sh}, logged in as the master admin. */
class KcadmIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    static final AdminUsers admins = new AdminUsers(realm);
    static final PimAdminApi pim = admins.api();

    @Test
    void kcadmCanReadPoliciesAndCreateEligibilities() throws Exception {
        Path kcadm = Path.of(System.getProperty("pim.keycloak.home"), "bin", "kcadm.sh");
        assertThat(kcadm).exists().isExecutable();
        Path dir = Files.createTempDirectory("kcadm");
        Path config = dir.resolve("kcadm.config");
        TestUser user = realm.createUser(unique("kcadm"));
        RoleRepresentation role = realmRole(realm, "kcadm");

        ProcessResult login = kcadm(kcadm, dir, "config", "credentials", "--server", realm.server().baseUrl(), "--realm", "master",
                "--user", "admin", "--password", "admin", "--config", config.toString());
        assertThat(login.exitCode()).as(login.toString()).isZero();

        ProcessResult policy = kcadm(kcadm, dir, "get", "pim/policies/" + role.getId(), "-r", realm.name(), "--config", config.toString());
        assertThat(policy.exitCode()).as(policy.toString()).isZero();
        JsonNode policyJson = Http.JSON.readTree(policy.stdout());
        assertThat(policyJson.path("maxActivationSeconds").asInt()).isEqualTo(28800);
        assertThat(policyJson.path("role").path("id").asText()).isEqualTo(role.getId());

        ProcessResult create = kcadm(kcadm, dir, "create", "pim/eligibilities", "-r", realm.name(), "-s", "principalType=USER",
                "-s", "username=" + user.username(), "-s", "roleName=" + role.getName(), "--config", config.toString());
        assertThat(create.exitCode()).as(create.toString()).isZero();
        JsonNode created = pim.get(admins.admin(), "/eligibilities?userId=" + user.id()).json();
        assertThat(created).hasSize(1);
        assertThat(created.get(0).path("role").path("id").asText()).isEqualTo(role.getId());
        assertThat(created.get(0).path("principal").path("name").asText()).isEqualTo(user.username());

        ProcessResult list = kcadm(kcadm, dir, "get", "pim/eligibilities", "-r", realm.name(), "-q", "userId=" + user.id(),
                "--config", config.toString());
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(ids(Http.JSON.readTree(list.stdout()))).containsExactly(id(created.get(0)));
    }

    // ------------------------------------------------------------------ helpers

    private static ProcessResult kcadm(Path kcadm, Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(kcadm.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "kcadm", ".out");
        Path err = Files.createTempFile(dir, "kcadm", ".err");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("kcadm.sh " + String.join(" ", args) + " did not finish within 2 minutes");
        }
        return new ProcessResult(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record ProcessResult(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }
}
