package dev.kcpim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.Jwt;
import dev.kcpim.it.support.Database;
import dev.kcpim.it.support.KeycloakServer;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.Waits;
import dev.kcpim.it.support.TestUser;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Keycloak nodes in production mode sharing one PostgreSQL database (embedded Infinispan,
 * JDBC_PING discovery, 127.0.0.1): elevations are seen, and ended exactly once, across the cluster.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static KeycloakServer nodeA;
    private static KeycloakServer nodeB;
    private static TestRealm realmOnA;
    private static TestRealm realmOnB;

    @BeforeAll
    static void startCluster() throws Exception {
        Assumptions.assumeTrue("postgres".equals(System.getProperty("pim.db")), "the cluster test runs on PostgreSQL (-Dpim.db=postgres)");
        Database database = Database.fresh("postgres");
        nodeA = KeycloakServer.dedicated("node-a", database, KeycloakServer.Mode.CLUSTER);
        nodeB = KeycloakServer.dedicated("node-b", database, KeycloakServer.Mode.CLUSTER);
        nodeA.start();
        nodeB.start();
        Waits.waitUntil(() -> nodeA.seesClusterOf(2) && nodeB.seesClusterOf(2), 60_000);
        realmOnA = new TestRealm().createOn(nodeA);
        realmOnB = realmOnA.sameRealmOn(nodeB);
    }

    @AfterAll
    static void stopCluster() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    @Order(1)
    void anActivationOnOneNodeIsInTokensOfTheOtherAndExpiresOnceForBoth() {
        String roleId = realmOnA.createRealmRole("cluster-admin");
        realmOnA.putPolicy(roleId, Map.of("requireOtp", false, "maxActivationSeconds", 60));
        TestUser userOnA = realmOnA.createUser("clustered");
        TestUser userOnB = realmOnB.user(userOnA);
        realmOnA.makeEligible(userOnA, roleId);

        JsonNode request = Http.post(realmOnA.url("/pim/me/requests"), userOnA.token(),
                Map.of("roleId", roleId, "justification", "cluster test", "durationSeconds", 60)).json();
        assertThat(request.path("status").asText()).isEqualTo("ACTIVE");
        long endsAt = request.path("endsAt").asLong();

        String tokenFromB = userOnB.token();
        assertThat(Jwt.realmRoles(tokenFromB)).contains("cluster-admin");
        assertThat(Jwt.claims(tokenFromB).path("exp").asLong()).isLessThanOrEqualTo(endsAt / 1000);

        Waits.sleep(Math.max(0, endsAt - System.currentTimeMillis()));
        long goneAt = Waits.waitUntil(() -> !realmOnB.hasDirectRealmRole(userOnB, "cluster-admin"), 20_000);
        System.out.printf("cluster: mapping removed %d ms after endsAt%n", goneAt - endsAt);
        assertThat(Jwt.realmRoles(userOnA.token())).doesNotContain("cluster-admin");
        assertThat(Jwt.realmRoles(userOnB.token())).doesNotContain("cluster-admin");
        Waits.sleep(3_000);
        assertThat(realmOnB.pimAdmin("GET", "/audit?userId=" + userOnA.id() + "&action=EXPIRED", null)).hasSize(1);
        assertThat(goneAt - endsAt).isLessThanOrEqualTo((KeycloakServer.EXPIRY_INTERVAL_SECONDS + 1) * 1000L + 1_000);
    }

    @Test
    @Order(2)
    void anEarlyEndOnOneNodeRevokesTheTokensTheOtherIssued() {
        Activated activated = activatedOnA("cluster-revocable", "revoked-everywhere");
        TestUser userOnA = activated.userOnA();
        TestUser userOnB = activated.userOnB();
        JsonNode request = activated.request();
        // Each node checks the tokens it issued (the issuer URL names the node's port); the ids were remembered on both.
        String issuedByA = userOnA.token();
        String issuedByB = userOnB.token();
        assertThat(Http.get(realmOnA.url("/protocol/openid-connect/userinfo"), issuedByA).status()).isEqualTo(200);
        assertThat(Http.get(realmOnB.url("/protocol/openid-connect/userinfo"), issuedByB).status()).isEqualTo(200);

        Http.Response deactivated = Http.post(realmOnB.url("/pim/me/requests/" + request.path("id").asText() + "/deactivate"),
                issuedByB, Map.of());
        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
        long endedAt = System.currentTimeMillis();

        long refusedEverywhereAt = Waits.waitUntil(() ->
                Http.get(realmOnA.url("/protocol/openid-connect/userinfo"), issuedByA).status() == 401
                        && Http.get(realmOnB.url("/protocol/openid-connect/userinfo"), issuedByB).status() == 401, 5_000);
        System.out.printf("cluster: tokens issued by node A and node B refused %d ms after the deactivation on node B%n",
                refusedEverywhereAt - endedAt);
        assertThat(refusedEverywhereAt - endedAt).isLessThanOrEqualTo(1_000);
        assertThat(Jwt.realmRoles(userOnA.token())).doesNotContain("cluster-revocable");
    }

    /** Issue 14: the elevations cached with the user on node A are dropped by node B's deactivation (Keycloak's cluster invalidation). */
    @Test
    @Order(3)
    void aDeactivationOnOneNodeDropsTheElevationsTheOtherCached() {
        Activated activated = activatedOnA("cluster-cached", "cached-on-a");
        TestUser userOnA = activated.userOnA();
        TestUser userOnB = activated.userOnB();
        JsonNode request = activated.request();
        JsonNode onA = userOnA.tokenResponse();
        assertThat(Jwt.realmRoles(onA.path("access_token").asText())).contains("cluster-cached");
        String refreshOnA = onA.path("refresh_token").asText();
        assertThat(Jwt.realmRoles(userOnA.refresh(refreshOnA).path("access_token").asText())).contains("cluster-cached");

        Http.Response deactivated = Http.post(realmOnB.url("/pim/me/requests/" + request.path("id").asText() + "/deactivate"),
                userOnB.token(), Map.of());
        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
        JsonNode refreshedOnA = userOnA.refresh(refreshOnA);
        assertThat(Jwt.realmRoles(refreshedOnA.path("access_token").asText())).as("the first token node A issues after the deactivation")
                .doesNotContain("cluster-cached");
        assertThat(Jwt.claims(refreshedOnA.path("access_token").asText()).has("pim_elevations")).isFalse();
        assertThat(Jwt.realmRoles(userOnA.token())).doesNotContain("cluster-cached");
    }

    private record Activated(TestUser userOnA, TestUser userOnB, JsonNode request) {
    }

    /** A new user eligible for a new role (no OTP), activated through node A. */
    private static Activated activatedOnA(String roleName, String username) {
        String roleId = realmOnA.createRealmRole(roleName);
        realmOnA.putPolicy(roleId, Map.of("requireOtp", false));
        TestUser userOnA = realmOnA.createUser(username);
        realmOnA.makeEligible(userOnA, roleId);
        JsonNode request = Http.post(realmOnA.url("/pim/me/requests"), userOnA.token(),
                Map.of("roleId", roleId, "justification", "cluster test of " + roleName)).json();
        assertThat(request.path("status").asText()).isEqualTo("ACTIVE");
        return new Activated(userOnA, realmOnB.user(userOnA), request);
    }

    @Test
    @Order(4)
    void whenOneNodeStopsMidElevationTheOtherEndsIt() {
        String roleId = realmOnA.createRealmRole("survivor-role");
        TestUser userOnA = realmOnA.createUser("survivor");
        TestUser userOnB = realmOnB.user(userOnA);
        long endsAt = System.currentTimeMillis() + 15_000;
        realmOnA.pimAdmin("POST", "/assignments", Map.of("userId", userOnA.id(), "roleId", roleId, "endsAt", endsAt));
        assertThat(realmOnB.hasDirectRealmRole(userOnB, "survivor-role")).isTrue();

        nodeA.stop();

        Waits.sleep(Math.max(0, endsAt - System.currentTimeMillis()));
        long goneAt = Waits.waitUntil(() -> !realmOnB.hasDirectRealmRole(userOnB, "survivor-role"), 30_000);
        System.out.printf("cluster: node B removed the mapping %d ms after endsAt with node A down%n", goneAt - endsAt);
        assertThat(Jwt.realmRoles(userOnB.token())).doesNotContain("survivor-role");
        assertThat(realmOnB.pimAdmin("GET", "/audit?userId=" + userOnA.id() + "&action=EXPIRED", null)).hasSize(1);
    }
}
