package dev.kcpim.it;

import static dev.kcpim.it.support.Waits.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.Jwt;
import dev.kcpim.it.support.KeycloakServer;
import dev.kcpim.it.support.ServerClock;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.ClientScopeRepresentation;

/** The contract's guarantees to relying applications: bounded tokens, prompt mapping removal, fail-closed tokens. */
class ExpiryIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();
    @RegisterExtension
    final ServerClock clock = new ServerClock(realm);

    private static final AtomicInteger COUNTER = new AtomicInteger();

    record Elevation(TestUser user, String roleName, String roleId, String requestId, long startsAt, long endsAt) {
    }

    /** A time-bound admin assignment (no minimum length, unlike activations) of a fresh role to a fresh user. */
    private static Elevation assignment(long startsInMillis, long endsInMillis) {
        int n = COUNTER.incrementAndGet();
        String roleName = "elevated-" + n;
        String roleId = realm.createRealmRole(roleName);
        TestUser user = realm.createUser("elevated-user-" + n);
        long now = ServerClock.nowMillis();
        Map<String, Object> body = new java.util.HashMap<>(Map.of("userId", user.id(), "roleId", roleId, "endsAt", now + endsInMillis));
        if (startsInMillis > 0) {
            body.put("startsAt", now + startsInMillis);
        }
        JsonNode request = realm.pimAdmin("POST", "/assignments", body);
        return new Elevation(user, roleName, roleId, request.path("id").asText(), request.path("startsAt").asLong(), request.path("endsAt").asLong());
    }

    private static String status(String requestId) {
        return realm.pimAdmin("GET", "/requests/" + requestId, null).path("status").asText();
    }

    @Test
    void tokensIssuedDuringTheWindowExpireByItsEndAndNameTheElevation() {
        Elevation e = assignment(0, 120_000);

        JsonNode response = e.user().tokenResponse();
        JsonNode access = Jwt.claims(response.path("access_token").asText());
        JsonNode id = Jwt.claims(response.path("id_token").asText());

        assertThat(access.path("exp").asLong()).isLessThanOrEqualTo(e.endsAt() / 1000);
        assertThat(id.path("exp").asLong()).isLessThanOrEqualTo(e.endsAt() / 1000);
        assertThat(Jwt.realmRoles(response.path("access_token").asText())).contains(e.roleName());
        JsonNode claim = access.path("pim_elevations");
        assertThat(claim.isArray()).isTrue();
        assertThat(claim).hasSize(1);
        assertThat(claim.get(0).path("role").asText()).isEqualTo(e.roleName());
        assertThat(claim.get(0).path("requestId").asText()).isEqualTo(e.requestId());
        assertThat(claim.get(0).path("exp").asLong()).isEqualTo(e.endsAt() / 1000);
    }

    @Test
    void usersWithoutElevationsGetUnchangedTokens() {
        TestUser user = realm.createUser("ordinary-" + COUNTER.incrementAndGet());
        JsonNode access = Jwt.claims(user.token());
        assertThat(access.has("pim_elevations")).isFalse();
        assertThat(access.path("exp").asLong() - access.path("iat").asLong()).isEqualTo(300);
    }

    @Test
    void theMappingIsGoneWithinTheTaskIntervalPlusOneSecondAndExpiresOnce() {
        Elevation e = assignment(0, 120_000);
        assertThat(realm.hasDirectRealmRole(e.user(), e.roleName())).isTrue();

        long endedAt = moveClockPast(e.endsAt());
        long goneAt = waitUntil(() -> !realm.hasDirectRealmRole(e.user(), e.roleName()), 15_000);

        assertThat(goneAt - endedAt).as("the periodic task's lag after endsAt").isLessThanOrEqualTo((KeycloakServer.EXPIRY_INTERVAL_SECONDS + 1) * 1000L);
        assertThat(status(e.requestId())).isEqualTo("EXPIRED");
        clock.runExpiry();
        JsonNode expired = realm.pimAdmin("GET", "/audit?userId=" + e.user().id() + "&action=EXPIRED", null);
        assertThat(expired).hasSize(1);
        assertThat(expired.get(0).path("requestId").asText()).isEqualTo(e.requestId());
        assertThat(expired.get(0).path("actor").path("username").asText()).isEqualTo("system");
    }

    @Test
    void noTokenIssuedAfterTheEndCarriesTheRole() {
        Elevation e = assignment(0, 120_000);
        assertThat(Jwt.realmRoles(e.user().token())).contains(e.roleName());
        moveClockPast(e.endsAt());
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long requestedAt = ServerClock.nowMillis();
            String token = e.user().token();
            if (Jwt.realmRoles(token).contains(e.roleName()) || Jwt.claims(token).has("pim_elevations")) {
                violations.add("token requested " + (requestedAt - e.endsAt()) + " ms after endsAt carries the role");
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void aRefreshAfterTheEndDropsTheRole() {
        Elevation e = assignment(0, 120_000);
        JsonNode during = e.user().tokenResponse();
        assertThat(Jwt.realmRoles(during.path("access_token").asText())).contains(e.roleName());
        moveClockPast(e.endsAt());

        JsonNode refreshed = e.user().refresh(during.path("refresh_token").asText());

        assertThat(Jwt.realmRoles(refreshed.path("access_token").asText())).doesNotContain(e.roleName());
        assertThat(Jwt.claims(refreshed.path("access_token").asText()).has("pim_elevations")).isFalse();
    }

    @Test
    void aScheduledAssignmentStartsOnTime() {
        Elevation e = assignment(120_000, 600_000);
        assertThat(status(e.requestId())).isEqualTo("SCHEDULED");
        assertThat(realm.hasDirectRealmRole(e.user(), e.roleName())).isFalse();

        long startAt = moveClockPast(e.startsAt());
        long startedAt = waitUntil(() -> realm.hasDirectRealmRole(e.user(), e.roleName()), 15_000);

        assertThat(startedAt - startAt).as("the periodic task's lag after startsAt").isLessThanOrEqualTo((KeycloakServer.EXPIRY_INTERVAL_SECONDS + 1) * 1000L);
        assertThat(status(e.requestId())).isEqualTo("ACTIVE");
        assertThat(realm.pimAdmin("GET", "/audit?userId=" + e.user().id() + "&action=STARTED", null)).hasSize(1);
    }

    @Test
    void theMapperIsOnEveryOidcClientOfEveryRealmAndNoLongerInTheBasicScope() {
        for (var client : realm.resource().clients().findAll()) {
            if (!"saml".equals(client.getProtocol()) && !Boolean.TRUE.equals(client.isBearerOnly())) {
                assertThat(client.getProtocolMappers()).as(client.getClientId())
                        .anyMatch(m -> m.getProtocolMapper().equals("pim-elevations-mapper"));
            }
        }
        assertThat(realm.server().admin().realm("pim-demo").clients().findByClientId("pim-demo-app").get(0).getProtocolMappers())
                .anyMatch(m -> m.getProtocolMapper().equals("pim-elevations-mapper"));
        ClientScopeRepresentation basic = realm.resource().clientScopes().findAll().stream()
                .filter(s -> s.getName().equals("basic")).findFirst().orElseThrow();
        assertThat(realm.resource().clientScopes().get(basic.getId()).getProtocolMappers().getMappers())
                .noneMatch(m -> m.getProtocolMapper().equals("pim-elevations-mapper"));
    }

    @Test
    void aClientWithoutTheBasicScopeStillGetsCappedAccessTokens() {
        Elevation e = assignment(0, 120_000);
        String clientId = "bare-client-" + COUNTER.incrementAndGet();
        org.keycloak.representations.idm.ClientRepresentation client = new org.keycloak.representations.idm.ClientRepresentation();
        client.setClientId(clientId);
        client.setPublicClient(true);
        client.setDirectAccessGrantsEnabled(true);
        client.setDefaultClientScopes(List.of("roles"));
        client.setOptionalClientScopes(List.of());
        realm.resource().clients().create(client).close();
        String internalId = realm.resource().clients().findByClientId(clientId).get(0).getId();
        realm.resource().clients().get(internalId).getDefaultClientScopes().stream()
                .filter(s -> s.getName().equals("basic"))
                .forEach(s -> realm.resource().clients().get(internalId).removeDefaultClientScope(s.getId()));
        String flowOverride = realm.resource().clients().findByClientId(TestRealm.TEST_CLIENT).get(0).getAuthenticationFlowBindingOverrides().get("direct_grant");
        org.keycloak.representations.idm.ClientRepresentation rep = realm.resource().clients().get(internalId).toRepresentation();
        rep.setAuthenticationFlowBindingOverrides(Map.of("direct_grant", flowOverride));
        realm.resource().clients().get(internalId).update(rep);

        JsonNode response = realm.passwordGrant(clientId, e.user().username(), e.user().password());
        JsonNode access = Jwt.claims(response.path("access_token").asText());
        JsonNode id = Jwt.claims(response.path("id_token").asText());

        assertThat(access.path("exp").asLong()).isLessThanOrEqualTo(e.endsAt() / 1000);
        assertThat(access.path("pim_elevations")).hasSize(1);
        assertThat(id.path("exp").asLong()).as("ID token of a client without the basic scope").isLessThanOrEqualTo(e.endsAt() / 1000);
        JsonNode refreshed = e.user().refreshOn(clientId, response.path("refresh_token").asText());
        assertThat(Jwt.claims(refreshed.path("id_token").asText()).path("exp").asLong()).isLessThanOrEqualTo(e.endsAt() / 1000);
    }

    @Test
    void deactivateRacingTheExpiryTaskEndsTheRequestOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            Elevation e = assignment(0, 120_000);
            String token = e.user().token();
            clock.advance(Duration.ofMillis(e.endsAt() - ServerClock.nowMillis()).plusSeconds(1));
            List<Thread> racers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                boolean runsTheTask = i % 2 == 0;
                Thread racer = new Thread(() -> {
                    for (int attempt = 0; attempt < 5; attempt++) {
                        if (runsTheTask) {
                            clock.runExpiry();
                        } else {
                            Http.post(realm.url("/pim/me/requests/" + e.requestId() + "/deactivate"), token, Map.of());
                        }
                    }
                });
                racer.start();
                racers.add(racer);
            }
            for (Thread racer : racers) {
                racer.join();
            }
            assertThat(status(e.requestId())).isNotEqualTo("ACTIVE");
            clock.runExpiry();
            JsonNode audit = realm.pimAdmin("GET", "/audit?userId=" + e.user().id(), null);
            long ends = 0;
            for (JsonNode entry : audit) {
                if (List.of("EXPIRED", "DEACTIVATED").contains(entry.path("action").asText())) {
                    ends++;
                }
            }
            assertThat(ends).as("round %d: %s", round, audit).isEqualTo(1);
            assertThat(status(e.requestId())).isIn("EXPIRED", "DEACTIVATED");
            assertThat(realm.hasDirectRealmRole(e.user(), e.roleName())).isFalse();
            clock.reset();
        }
    }

    @Test
    void anAssignmentEndingAsItIsCreatedEndsOnce() {
        Elevation e = assignment(0, 150);
        String firstToken = e.user().token();
        JsonNode first = Jwt.claims(firstToken);
        waitUntil(() -> status(e.requestId()).equals("EXPIRED"), 10_000);
        clock.runExpiry();
        assertThat(realm.pimAdmin("GET", "/audit?userId=" + e.user().id() + "&action=EXPIRED", null)).hasSize(1);
        assertThat(realm.hasDirectRealmRole(e.user(), e.roleName())).isFalse();
        // Issued within the 150 ms window it is capped at the end; issued after it, it lacks the role.
        if (Jwt.realmRoles(firstToken).contains(e.roleName())) {
            assertThat(first.path("exp").asLong()).isLessThanOrEqualTo(e.endsAt() / 1000 + 1);
        }
    }

    /**
     * The acceptance scenario on 60 s activations, on the server's clock: tokens during the window end
     * by endsAt; once the clock passes endsAt no token carries the role, even before the task ran; and
     * for a user who asks for no tokens (so only the periodic task acts) the mapping is gone within the
     * task interval + 1 s of the clock passing endsAt. Prints the measured lag.
     */
    @Test
    void sixtySecondActivationAcceptance() {
        int n = COUNTER.incrementAndGet();
        String roleName = "sixty-" + n;
        String roleId = realm.createRealmRole(roleName);
        realm.putPolicy(roleId, Map.of("requireOtp", false, "maxActivationSeconds", 60));
        TestUser tokenUser = realm.createUser("sixty-tokens-" + n);
        TestUser quietUser = realm.createUser("sixty-quiet-" + n);
        realm.makeEligible(tokenUser, roleId);
        realm.makeEligible(quietUser, roleId);
        Map<String, Object> body = Map.of("roleId", roleId, "justification", "acceptance", "durationSeconds", 60);
        JsonNode tokenUserRequest = tokenUser.post("/me/requests", body).json();
        JsonNode quietUserRequest = quietUser.post("/me/requests", body).json();
        long endsAt = tokenUserRequest.path("endsAt").asLong();
        long quietEndsAt = quietUserRequest.path("endsAt").asLong();
        assertThat(endsAt - tokenUserRequest.path("startsAt").asLong()).isEqualTo(60_000);

        long maxExpDuringWindow = 0;
        for (int secondsBeforeEnd : List.of(50, 20, 2)) {
            clock.advance(Duration.ofSeconds(Math.max(0, (endsAt - ServerClock.nowMillis()) / 1000 - secondsBeforeEnd)));
            String token = tokenUser.token();
            assertThat(Jwt.realmRoles(token)).as("%d s before the end", secondsBeforeEnd).contains(roleName);
            maxExpDuringWindow = Math.max(maxExpDuringWindow, Jwt.claims(token).path("exp").asLong());
        }

        long movedAt = moveClockPast(Math.max(endsAt, quietEndsAt));
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            if (Jwt.realmRoles(tokenUser.token()).contains(roleName)) {
                violations.add("token " + i + " requested after endsAt carries the role");
            }
        }
        long quietGoneAt = waitUntil(() -> !realm.hasDirectRealmRole(quietUser, roleName), 20_000);
        waitUntil(() -> !realm.hasDirectRealmRole(tokenUser, roleName), 20_000);

        System.out.printf("60 s elevation: the periodic task removed the mapping %d ms after the clock passed endsAt;"
                + " max exp during the window %d s before endsAt%n", quietGoneAt - movedAt, endsAt / 1000 - maxExpDuringWindow);
        assertThat(violations).isEmpty();
        assertThat(maxExpDuringWindow).isPositive().isLessThanOrEqualTo(endsAt / 1000);
        assertThat(quietGoneAt - movedAt).isLessThanOrEqualTo((KeycloakServer.EXPIRY_INTERVAL_SECONDS + 1) * 1000L);
        assertThat(realm.pimAdmin("GET", "/audit?userId=" + quietUser.id() + "&action=EXPIRED", null)).hasSize(1);
        assertThat(realm.pimAdmin("GET", "/audit?userId=" + tokenUser.id() + "&action=EXPIRED", null)).hasSize(1);
    }

    /** Moves the server's clock just past {@code instantMillis} (offsets are whole seconds); returns the wall-clock time it was moved. */
    private long moveClockPast(long instantMillis) {
        clock.advance(Duration.ofSeconds(Math.max(0, (instantMillis - ServerClock.nowMillis()) / 1000 + 1)));
        return System.currentTimeMillis();
    }
}
