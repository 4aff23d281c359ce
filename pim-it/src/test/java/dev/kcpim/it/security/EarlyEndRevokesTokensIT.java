package dev.kcpim.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.Jwt;
import dev.kcpim.it.support.ServerClock;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;

/**
 * Contract v1.1 "Tokens after an early end": access tokens issued with an elevation are refused by
 * Keycloak (introspection, userinfo, its admin API as a bearer token) from the moment the elevation
 * ends early — deactivated, revoked, basis gone, or cut shorter than the token — while tokens issued
 * before it and refresh tokens keep working.
 */
class EarlyEndRevokesTokensIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();
    @RegisterExtension
    final ServerClock clock = new ServerClock(realm);

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private record Elevation(TestUser user, String roleName, String roleId, String requestId) {
    }

    /** Keycloak introspects a token only for a client in its audience: the test client's tokens name the introspecting client. */
    @BeforeAll
    static void testClientTokensAreForTheIntrospectingClient() {
        ClientRepresentation testClient = realm.resource().clients().findByClientId(TestRealm.TEST_CLIENT).get(0);
        ProtocolMapperRepresentation audience = new ProtocolMapperRepresentation();
        audience.setName("audience " + TestRealm.SERVICE_CLIENT);
        audience.setProtocol("openid-connect");
        audience.setProtocolMapper("oidc-audience-mapper");
        audience.setConfig(Map.of("included.client.audience", TestRealm.SERVICE_CLIENT, "access.token.claim", "true",
                "introspection.token.claim", "true"));
        try (jakarta.ws.rs.core.Response response = realm.resource().clients().get(testClient.getId()).getProtocolMappers().createMapper(audience)) {
            assertThat(response.getStatus()).isEqualTo(201);
        }
    }

    /** A user directly (or through the group) eligible for a role that contains realm-management view-users, activated. */
    private static Elevation activated(String groupId) {
        int n = COUNTER.incrementAndGet();
        String roleName = "revocable-" + n;
        String roleId = realm.createRealmRole(roleName);
        String realmManagement = realm.resource().clients().findByClientId("realm-management").get(0).getId();
        realm.resource().rolesById().addComposites(roleId,
                List.of(realm.resource().clients().get(realmManagement).roles().get("view-users").toRepresentation()));
        realm.putPolicy(roleId, Map.of("requireOtp", false));
        TestUser user = realm.createUser("revocable-user-" + n);
        if (groupId == null) {
            realm.makeEligible(user, roleId);
        } else {
            realm.makeGroupEligible(groupId, roleId);
            realm.joinGroup(user, groupId);
        }
        JsonNode request = user.post("/me/requests", Map.of("roleId", roleId, "justification", "incident")).json();
        assertThat(request.path("status").asText()).as(request.toString()).isEqualTo("ACTIVE");
        return new Elevation(user, roleName, roleId, request.path("id").asText());
    }

    private static JsonNode introspect(String token) {
        Http.Response response = Http.postForm(realm.url("/protocol/openid-connect/token/introspect"), Map.of(
                "client_id", TestRealm.SERVICE_CLIENT, "client_secret", TestRealm.SERVICE_CLIENT_SECRET, "token", token));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static boolean active(String token) {
        return introspect(token).path("active").asBoolean();
    }

    private static int userinfo(String token) {
        return Http.get(realm.url("/protocol/openid-connect/userinfo"), token).status();
    }

    private static int adminUsers(String token) {
        return Http.get(realm.adminUrl("/users?max=1"), token).status();
    }

    private static JsonNode auditOf(Elevation e, String action) {
        JsonNode entries = realm.pimAdmin("GET", "/audit?userId=" + e.user().id() + "&action=" + action, null);
        assertThat(entries).as(action).hasSize(1);
        return entries.get(0);
    }

    @Test
    void deactivationRevokesTheTokensOfTheElevationAndNothingElse() {
        int n = COUNTER.incrementAndGet();
        TestUser bystander = realm.createUser("bystander-" + n);
        String bystanderToken = bystander.token();
        Elevation e = activated(null);
        JsonNode during = e.user().tokenResponse();
        String access = during.path("access_token").asText();
        assertThat(introspect(access).path("realm_access").path("roles").toString()).contains(e.roleName());
        assertThat(userinfo(access)).isEqualTo(200);
        assertThat(adminUsers(access)).as("view-users through the elevation").isEqualTo(200);

        Http.Response deactivated = Http.post(realm.url("/pim/me/requests/" + e.requestId() + "/deactivate"), access, Map.of());
        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);

        assertThat(active(access)).as("introspection after the early end").isFalse();
        assertThat(userinfo(access)).isEqualTo(401);
        assertThat(adminUsers(access)).isEqualTo(401);
        assertThat(auditOf(e, "DEACTIVATED").path("details").path("tokensRevoked").asInt()).isEqualTo(1);
        assertThat(active(bystanderToken)).as("another user's token").isTrue();

        JsonNode refreshed = e.user().refresh(during.path("refresh_token").asText());
        String afterRefresh = refreshed.path("access_token").asText();
        assertThat(Jwt.realmRoles(afterRefresh)).doesNotContain(e.roleName());
        assertThat(active(afterRefresh)).as("the refresh token keeps working").isTrue();
        assertThat(userinfo(afterRefresh)).isEqualTo(200);
        assertThat(adminUsers(afterRefresh)).isEqualTo(403);
    }

    @Test
    void moreTokensThanOneChunkHoldsAreAllRevoked() {
        Elevation e = activated(null);
        JsonNode first = e.user().tokenResponse();
        List<String> tokens = new java.util.ArrayList<>(List.of(first.path("access_token").asText()));
        String refreshToken = first.path("refresh_token").asText();
        for (int i = 0; i < 40; i++) {
            JsonNode refreshed = e.user().refresh(refreshToken);
            tokens.add(refreshed.path("access_token").asText());
            refreshToken = refreshed.path("refresh_token").asText();
        }
        assertThat(tokens).allSatisfy(token -> assertThat(Jwt.realmRoles(token)).contains(e.roleName()));

        e.user().post("/me/requests/" + e.requestId() + "/deactivate", Map.of());

        assertThat(tokens).as("41 tokens, three chunks of the store").noneMatch(EarlyEndRevokesTokensIT::active);
        assertThat(auditOf(e, "DEACTIVATED").path("details").path("tokensRevoked").asInt())
                .as("the 41 and the one that called deactivate").isEqualTo(42);
    }

    @Test
    void aDeactivationAfterAnExtensionRevokesTheTokensIssuedBeforeAndAfterIt() {
        Elevation e = activated(null);
        String beforeExtension = e.user().token();
        clock.advance(Duration.ofSeconds(60));
        Http.Response extended = e.user().post("/me/requests/" + e.requestId() + "/extend",
                Map.of("durationSeconds", 28_800, "justification", "still on the incident"));
        assertThat(extended.status()).as(extended.toString()).isEqualTo(200);
        String afterExtension = e.user().token();
        assertThat(Jwt.realmRoles(afterExtension)).contains(e.roleName());
        assertThat(active(beforeExtension)).isTrue();
        assertThat(active(afterExtension)).isTrue();

        e.user().post("/me/requests/" + e.requestId() + "/deactivate", Map.of());

        assertThat(active(beforeExtension)).as("issued before the extension").isFalse();
        assertThat(active(afterExtension)).as("issued after the extension").isFalse();
        assertThat(auditOf(e, "DEACTIVATED").path("details").path("tokensRevoked").asInt())
                .as("the two named here and the two that called extend and deactivate").isEqualTo(4);
    }

    @Test
    void tokensIssuedBeforeTheElevationKeepWorking() {
        int n = COUNTER.incrementAndGet();
        String roleId = realm.createRealmRole("later-" + n);
        realm.putPolicy(roleId, Map.of("requireOtp", false));
        TestUser user = realm.createUser("early-token-" + n);
        realm.makeEligible(user, roleId);
        String issuedBefore = user.token();
        JsonNode request = Http.post(realm.url("/pim/me/requests"), issuedBefore, Map.of("roleId", roleId, "justification", "incident")).json();
        String issuedDuring = user.token();

        realm.pimAdmin("POST", "/requests/" + request.path("id").asText() + "/revoke", Map.of("reason", "done"));

        assertThat(active(issuedDuring)).isFalse();
        assertThat(active(issuedBefore)).as("issued before the elevation").isTrue();
        assertThat(userinfo(issuedBefore)).isEqualTo(200);
    }

    @Test
    void anAdminRevocationRevokesThem() {
        Elevation e = activated(null);
        String access = e.user().token();
        assertThat(active(access)).isTrue();

        realm.pimAdmin("POST", "/requests/" + e.requestId() + "/revoke", Map.of("reason", "incident closed"));

        assertThat(active(access)).isFalse();
        assertThat(userinfo(access)).isEqualTo(401);
        assertThat(auditOf(e, "REVOKED").path("details").path("tokensRevoked").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void leavingTheGroupTheElevationRestsOnRevokesThem() {
        String groupId = realm.createGroup("/token-team-" + COUNTER.incrementAndGet());
        Elevation e = activated(groupId);
        String access = e.user().token();
        assertThat(active(access)).isTrue();

        realm.resource().users().get(e.user().id()).leaveGroup(groupId);

        assertThat(realm.pimAdmin("GET", "/requests/" + e.requestId(), null).path("status").asText()).isEqualTo("REVOKED");
        assertThat(active(access)).isFalse();
        assertThat(userinfo(access)).isEqualTo(401);
    }

    @Test
    void expiryAtTheEndRevokesNothingSinceTokensAreCappedThere() {
        Elevation e = activated(null);
        String access = e.user().token();
        long endsAt = realm.pimAdmin("GET", "/requests/" + e.requestId(), null).path("endsAt").asLong();
        assertThat(Jwt.claims(access).path("exp").asLong()).isLessThanOrEqualTo(endsAt / 1000);

        clock.advanceAndExpire(java.time.Duration.ofMillis(endsAt - ServerClock.nowMillis() + 5_000));

        assertThat(realm.pimAdmin("GET", "/requests/" + e.requestId(), null).path("status").asText()).isEqualTo("EXPIRED");
        assertThat(auditOf(e, "EXPIRED").path("details").path("tokensRevoked").asInt(0)).isZero();
        assertThat(active(access)).as("past its exp anyway").isFalse();
    }

    @Test
    void cuttingTheEligibilityShortRevokesTokensThatWouldOutliveTheNewEnd() {
        int n = COUNTER.incrementAndGet();
        String roleId = realm.createRealmRole("cut-" + n);
        realm.putPolicy(roleId, Map.of("requireOtp", false));
        TestUser user = realm.createUser("cut-user-" + n);
        String eligibilityId = realm.makeEligible(user, roleId);
        Map<String, Object> activation = new HashMap<>(Map.of("roleId", roleId, "justification", "incident", "durationSeconds", 3600));
        JsonNode request = user.post("/me/requests", activation).json();
        String access = user.token();
        long exp = Jwt.claims(access).path("exp").asLong();
        long newEnd = ServerClock.nowMillis() + 60_000;
        assertThat(exp * 1000).as("the token outlives the new end").isGreaterThan(newEnd);

        JsonNode patched = realm.pimAdmin("PATCH", "/eligibilities/" + eligibilityId, Map.of("endsAt", newEnd));
        assertThat(patched.path("endsAt").asLong()).isEqualTo(newEnd);

        assertThat(realm.pimAdmin("GET", "/requests/" + request.path("id").asText(), null).path("endsAt").asLong()).isEqualTo(newEnd);
        assertThat(active(access)).as("a token that would outlive the new end").isFalse();
        String fresh = user.token();
        assertThat(Jwt.claims(fresh).path("exp").asLong()).isLessThanOrEqualTo(newEnd / 1000);
        assertThat(active(fresh)).isTrue();
    }
}
