package dev.kcpim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Jwt;
import dev.kcpim.it.support.SamlLogin;
import dev.kcpim.it.support.SamlLogin.Assertion;
import dev.kcpim.it.support.ServerClock;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * The token guard's guarantee for SAML clients, with real SAML logins (AuthnRequest, login form,
 * the assertion Keycloak posts to the SP): while an elevation runs, the assertion carries the role
 * and its {@code SessionNotOnOrAfter} and {@code NotOnOrAfter}s end by {@code endsAt}; after the
 * window or an early end the role is left out even while the mapping is still there (fail closed),
 * what the user holds another way stays, and users without elevations get assertions as Keycloak
 * makes them.
 */
class SamlGuardIT {
    private static final String SP = "urn:kcpim:test-sp";

    @RegisterExtension
    static final TestRealm realm = new TestRealm();
    @RegisterExtension
    final ServerClock clock = new ServerClock(realm);

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private record Elevation(TestUser user, String roleName, String requestId, long endsAt) {
    }

    @BeforeAll
    static void serviceProvider() {
        SamlLogin.createClient(realm, SP);
    }

    /** A time-bound admin assignment of a fresh role to a fresh user, ending in {@code endsIn}. */
    private static Elevation assignment(Duration endsIn) {
        int n = COUNTER.incrementAndGet();
        String roleName = "saml-assigned-" + n;
        String roleId = realm.createRealmRole(roleName);
        TestUser user = realm.createUser("saml-assigned-user-" + n);
        JsonNode request = realm.pimAdmin("POST", "/assignments",
                Map.of("userId", user.id(), "roleId", roleId, "endsAt", ServerClock.nowMillis() + endsIn.toMillis()));
        return new Elevation(user, roleName, request.path("id").asText(), request.path("endsAt").asLong());
    }

    private static String status(String requestId) {
        return realm.pimAdmin("GET", "/requests/" + requestId, null).path("status").asText();
    }

    /** The mapping back on the user after PIM removed it: what a token request sees that read the mappings a moment before the end. */
    private static void mappingStillThere(TestUser user, String roleName) {
        RoleRepresentation role = realm.resource().roles().get(roleName).toRepresentation();
        realm.resource().users().get(user.id()).roles().realmLevel().add(List.of(role));
        assertThat(realm.hasDirectRealmRole(user, roleName)).isTrue();
    }

    /** Keycloak's own lifetimes come out a few seconds short of the configured ones (it reads its clock for each instant). */
    private static final Offset<Long> SKEW = Offset.offset(5L);

    /** Seconds from the assertion's IssueInstant to {@code instant}, rounded. */
    private static long lifetime(Instant instant, Assertion assertion) {
        return Math.round(Duration.between(assertion.issueInstant(), instant).toMillis() / 1000.0);
    }

    @Test
    void whileAnElevationRunsTheAssertionCarriesTheRoleAndEndsByEndsAt() {
        Elevation e = assignment(Duration.ofMinutes(30));
        Instant endsAt = Instant.ofEpochMilli(e.endsAt());

        Assertion assertion = SamlLogin.login(realm, e.user(), SP);

        assertThat(assertion.roles()).contains(e.roleName());
        // Uncapped, these would be issueInstant + 10 h (SSO session max) and + 2 h (the client's assertion lifespan).
        assertThat(assertion.sessionNotOnOrAfter()).isBeforeOrEqualTo(endsAt).isAfter(endsAt.minusSeconds(1));
        assertThat(assertion.conditionsNotOnOrAfter()).isBeforeOrEqualTo(endsAt).isAfter(endsAt.minusSeconds(1));
        assertThat(assertion.subjectConfirmationNotOnOrAfter()).isBeforeOrEqualTo(endsAt).isAfter(endsAt.minusSeconds(1));
    }

    @Test
    void aCapNeverRaisesWhatEndsEarlier() {
        Elevation e = assignment(Duration.ofHours(3));

        Assertion assertion = SamlLogin.login(realm, e.user(), SP);

        assertThat(assertion.roles()).contains(e.roleName());
        assertThat(assertion.sessionNotOnOrAfter()).isBeforeOrEqualTo(Instant.ofEpochMilli(e.endsAt()))
                .isAfter(Instant.ofEpochMilli(e.endsAt()).minusSeconds(1));
        assertThat(lifetime(assertion.conditionsNotOnOrAfter(), assertion)).as("the assertion's own two hours end before the elevation")
                .isCloseTo(SamlLogin.ASSERTION_LIFESPAN_SECONDS, SKEW);
    }

    @Test
    void aUserWithoutElevationsGetsTheAssertionKeycloakMakes() {
        assignment(Duration.ofMinutes(30));
        TestUser user = realm.createUser("saml-ordinary-" + COUNTER.incrementAndGet());

        Assertion assertion = SamlLogin.login(realm, user, SP);

        int ssoSessionMax = realm.resource().toRepresentation().getSsoSessionMaxLifespan();
        assertThat(lifetime(assertion.sessionNotOnOrAfter(), assertion)).isCloseTo(ssoSessionMax, SKEW);
        assertThat(lifetime(assertion.conditionsNotOnOrAfter(), assertion)).isCloseTo(SamlLogin.ASSERTION_LIFESPAN_SECONDS, SKEW);
        assertThat(lifetime(assertion.subjectConfirmationNotOnOrAfter(), assertion)).isCloseTo(SamlLogin.ASSERTION_LIFESPAN_SECONDS, SKEW);
        assertThat(assertion.roles()).contains("offline_access", "uma_authorization");
    }

    @Test
    void aRealmOptedOutOfTheTokenGuardGetsUncappedAssertions() {
        Elevation e = assignment(Duration.ofMinutes(30));
        tokenGuard("disabled");
        try {
            Assertion assertion = SamlLogin.login(realm, e.user(), SP);
            assertThat(assertion.roles()).contains(e.roleName());
            assertThat(lifetime(assertion.sessionNotOnOrAfter(), assertion))
                    .isCloseTo(realm.resource().toRepresentation().getSsoSessionMaxLifespan(), SKEW);
        } finally {
            tokenGuard("enabled");
        }
        assertThat(SamlLogin.login(realm, e.user(), SP).sessionNotOnOrAfter()).isBeforeOrEqualTo(Instant.ofEpochMilli(e.endsAt()));
    }

    private static void tokenGuard(String value) {
        RealmRepresentation representation = realm.resource().toRepresentation();
        Map<String, String> attributes = representation.getAttributes() == null ? new HashMap<>() : new HashMap<>(representation.getAttributes());
        attributes.put("pim.tokenGuard", value);
        representation.setAttributes(attributes);
        realm.resource().update(representation);
    }

    @Test
    void afterTheWindowANewLoginLacksTheRoleEvenWhileTheMappingIsStillThere() {
        Elevation e = assignment(Duration.ofMinutes(2));
        assertThat(SamlLogin.login(realm, e.user(), SP).roles()).contains(e.roleName());

        clock.advanceAndExpire(Duration.ofMillis(e.endsAt() - ServerClock.nowMillis()).plusSeconds(1));
        assertThat(status(e.requestId())).isEqualTo("EXPIRED");
        assertThat(SamlLogin.login(realm, e.user(), SP).roles()).doesNotContain(e.roleName());

        mappingStillThere(e.user(), e.roleName());
        Assertion assertion = SamlLogin.login(realm, e.user(), SP);
        assertThat(assertion.roles()).as("fail closed: the window is over").doesNotContain(e.roleName()).contains("offline_access");
        assertThat(Jwt.realmRoles(e.user().token())).as("as in OIDC tokens").doesNotContain(e.roleName());
        assertThat(lifetime(assertion.sessionNotOnOrAfter(), assertion)).as("nothing runs: no cap")
                .isCloseTo(realm.resource().toRepresentation().getSsoSessionMaxLifespan(), SKEW);
    }

    /**
     * An early end by the user: a role whose elevation ended is left out even while its mapping still
     * shows; the role it contains, which the user also holds directly, stays.
     */
    @Test
    void anEarlyEndLeavesTheRoleOutAndKeepsWhatTheUserHoldsDirectly() {
        int n = COUNTER.incrementAndGet();
        String roleName = "saml-composite-" + n;
        String roleId = realm.createRealmRole(roleName);
        String childName = "saml-child-" + n;
        realm.createRealmRole(childName);
        RoleRepresentation child = realm.resource().roles().get(childName).toRepresentation();
        realm.resource().rolesById().addComposites(roleId, List.of(child));
        realm.putPolicy(roleId, Map.of("requireOtp", false));
        TestUser user = realm.createUser("saml-early-" + n);
        realm.resource().users().get(user.id()).roles().realmLevel().add(List.of(child));
        realm.makeEligible(user, roleId);
        Map<String, Object> activation = new HashMap<>(Map.of("roleId", roleId, "justification", "incident", "durationSeconds", 3600));
        JsonNode request = user.post("/me/requests", activation).json();
        assertThat(request.path("status").asText()).as(request.toString()).isEqualTo("ACTIVE");
        assertThat(SamlLogin.login(realm, user, SP).roles()).contains(roleName, childName);

        assertThat(user.post("/me/requests/" + request.path("id").asText() + "/deactivate", Map.of()).status()).isEqualTo(200);
        mappingStillThere(user, roleName);

        Assertion assertion = SamlLogin.login(realm, user, SP);
        assertThat(assertion.roles()).as("ended early").doesNotContain(roleName).as("held directly").contains(childName);
        assertThat(Jwt.realmRoles(user.token())).as("as in OIDC tokens").doesNotContain(roleName).contains(childName);
    }

    /**
     * SAML names client roles without their client: an ended client role goes, while a realm role of
     * the same name that the user holds directly stays.
     */
    @Test
    void anEndedClientRoleGoesButARealmRoleOfTheSameNameStays() {
        int n = COUNTER.incrementAndGet();
        String app = "saml-app-" + n;
        String sameName = "saml-operator-" + n;
        String auditor = "saml-auditor-" + n;
        List<String> clientRoleIds = List.of(realm.createClientRole(app, sameName), realm.createClientRole(app, auditor));
        realm.createRealmRole(sameName);
        TestUser user = realm.createUser("saml-client-role-" + n);
        realm.resource().users().get(user.id()).roles().realmLevel().add(List.of(realm.resource().roles().get(sameName).toRepresentation()));
        long endsAt = ServerClock.nowMillis() + 120_000;
        List<String> requests = clientRoleIds.stream()
                .map(id -> realm.pimAdmin("POST", "/assignments", Map.of("userId", user.id(), "roleId", id, "endsAt", endsAt)).path("id").asText())
                .toList();
        assertThat(SamlLogin.login(realm, user, SP).roles()).contains(sameName, auditor);

        clock.advanceAndExpire(Duration.ofMillis(endsAt - ServerClock.nowMillis()).plusSeconds(1));
        assertThat(requests).allMatch(id -> status(id).equals("EXPIRED"));
        String appId = realm.resource().clients().findByClientId(app).get(0).getId();
        realm.resource().users().get(user.id()).roles().clientLevel(appId).add(List.of(
                realm.resource().clients().get(appId).roles().get(sameName).toRepresentation(),
                realm.resource().clients().get(appId).roles().get(auditor).toRepresentation()));

        assertThat(SamlLogin.login(realm, user, SP).roles()).as("mappings still there, window over").doesNotContain(auditor)
                .as("the realm role of the same name").contains(sameName);
    }
}
