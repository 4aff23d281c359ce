package dev.kcpim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.ServerClock;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import dev.kcpim.it.support.Totp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Contract v1.1 "Extending and renewing", {@code POST /me/requests/{id}/extend}: the same request keeps
 * running with a later end (one mapping, no gap, expiry follows the new end), after the checks of an
 * activation; every refusal (not ACTIVE, beyond the maximum, no later end within the eligibility, no or a
 * wrong OTP, another user's request, a policy that forbids it) answers the contract's error, changes
 * nothing and is audited.
 */
class ExtensionIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();
    @RegisterExtension
    final ServerClock clock = new ServerClock(realm);

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final long MINUTE = 60_000L;

    private record Elevation(TestUser user, String roleId, String roleName, String requestId, long endsAt) {
    }

    /** A user with OTP, eligible for a new role with the given policy (permanently, or until {@code eligibilityEndsAt}), who activated it for 10 minutes. */
    private static Elevation activated(Map<String, Object> policy, Long eligibilityEndsAt) {
        int n = COUNTER.incrementAndGet();
        String roleName = "extendable-" + n;
        String roleId = realm.createRealmRole(roleName);
        realm.putPolicy(roleId, policy);
        TestUser user = realm.createUser("extender-" + n, UUID.randomUUID().toString().replace("-", "").substring(0, 20));
        Map<String, Object> eligibility = new HashMap<>(Map.of("principalType", "USER", "principalId", user.id(), "roleId", roleId));
        if (eligibilityEndsAt != null) {
            eligibility.put("endsAt", eligibilityEndsAt);
        }
        realm.pimAdmin("POST", "/eligibilities", eligibility);
        Http.Response response = user.post("/me/requests", Map.of("roleId", roleId, "durationSeconds", 600,
                "justification", "incident INC-7", "otp", otpAtServerTime(user)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode request = response.json();
        assertThat(request.path("status").asText()).isEqualTo("ACTIVE");
        return new Elevation(user, roleId, roleName, request.path("id").asText(), request.path("endsAt").asLong());
    }

    private static String otpAtServerTime(TestUser user) {
        return Totp.code(user.totpSecret(), Instant.ofEpochMilli(ServerClock.nowMillis()));
    }

    /** The next TOTP period on the server's clock, so that the code differs from the one the activation used. */
    private String freshOtp(TestUser user) {
        clock.advance(Duration.ofSeconds(31));
        return otpAtServerTime(user);
    }

    private static Map<String, Object> extension(long durationSeconds, String otp) {
        Map<String, Object> body = new HashMap<>(Map.of("durationSeconds", durationSeconds, "justification", "the incident goes on"));
        if (otp != null) {
            body.put("otp", otp);
        }
        return body;
    }

    private static JsonNode request(String id) {
        return realm.pimAdmin("GET", "/requests/" + id, null);
    }

    private static JsonNode audit(TestUser user, String action) {
        return realm.pimAdmin("GET", "/audit?userId=" + user.id() + "&action=" + action, null);
    }

    @Test
    void anExtensionMovesTheEndOfTheSameRequestAndExpiryFollowsTheNewEnd() {
        Elevation e = activated(Map.of(), null);
        String otp = freshOtp(e.user());
        long requestedAt = ServerClock.nowMillis();

        Http.Response response = e.user().post("/me/requests/" + e.requestId() + "/extend", extension(3600, otp));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode extended = response.json();
        assertThat(extended.path("id").asText()).as("the same request").isEqualTo(e.requestId());
        assertThat(extended.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(extended.path("endsAt").asLong()).isBetween(requestedAt + 3600_000L - 2_000, ServerClock.nowMillis() + 3600_000L + 2_000);
        assertThat(extended.path("durationSeconds").asLong())
                .isEqualTo((extended.path("endsAt").asLong() - extended.path("startsAt").asLong()) / 1000);
        assertThat(realm.hasDirectRealmRole(e.user(), e.roleName())).isTrue();
        JsonNode entries = audit(e.user(), "EXTENDED");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).path("details").path("previousEndsAt").asLong()).isEqualTo(e.endsAt());
        assertThat(entries.get(0).path("details").path("endsAt").asLong()).isEqualTo(extended.path("endsAt").asLong());
        assertThat(entries.get(0).path("details").path("otpVerified").asBoolean()).isTrue();

        clock.advanceAndExpire(Duration.ofMinutes(11));
        assertThat(request(e.requestId()).path("status").asText()).as("past the old end").isEqualTo("ACTIVE");
        assertThat(realm.hasDirectRealmRole(e.user(), e.roleName())).isTrue();

        clock.advanceAndExpire(Duration.ofMinutes(50));
        assertThat(request(e.requestId()).path("status").asText()).as("past the new end").isEqualTo("EXPIRED");
        assertThat(realm.hasDirectRealmRole(e.user(), e.roleName())).isFalse();
        assertThat(audit(e.user(), "EXPIRED")).hasSize(1);
    }

    @Test
    void anExtensionNeverReachesBeyondTheEligibilitysEnd() {
        long eligibilityEnd = ServerClock.nowMillis() + 20 * MINUTE;
        Elevation e = activated(Map.of(), eligibilityEnd);

        Http.Response capped = e.user().post("/me/requests/" + e.requestId() + "/extend", extension(7200, freshOtp(e.user())));
        assertThat(capped.status()).as(capped.toString()).isEqualTo(200);
        assertThat(capped.json().path("endsAt").asLong()).isEqualTo(eligibilityEnd);

        Http.Response again = e.user().post("/me/requests/" + e.requestId() + "/extend", extension(7200, freshOtp(e.user())));
        assertRefused(again, 400, "duration_invalid");
        assertThat(request(e.requestId()).path("endsAt").asLong()).isEqualTo(eligibilityEnd);
    }

    @Test
    void refusalsAnswerTheContractsErrorChangeNothingAndAreAudited() {
        Elevation e = activated(Map.of("maxActivationSeconds", 3600), null);
        String path = "/me/requests/" + e.requestId() + "/extend";

        assertRefused(e.user().post(path, extension(3601, freshOtp(e.user()))), 400, "duration_invalid");
        assertRefused(e.user().post(path, extension(300, freshOtp(e.user()))), 400, "duration_invalid");
        assertRefused(e.user().post(path, extension(1800, null)), 400, "otp_required");
        assertRefused(e.user().post(path, extension(1800, "000000".equals(otpAtServerTime(e.user())) ? "111111" : "000000")), 400, "invalid_otp");
        Map<String, Object> noJustification = new HashMap<>(extension(1800, freshOtp(e.user())));
        noJustification.remove("justification");
        assertRefused(e.user().post(path, noJustification), 400, "justification_required");
        assertRefused(e.user().post(path, "not json"), 400, "invalid_request");

        TestUser other = realm.createUser("other-" + COUNTER.incrementAndGet());
        assertRefused(other.post(path, extension(1800, null)), 404, "not_found");

        assertThat(request(e.requestId()).path("endsAt").asLong()).as("nothing changed").isEqualTo(e.endsAt());
        assertThat(audit(e.user(), "EXTENDED")).isEmpty();
        assertThat(audit(e.user(), "EXTENSION_REJECTED").size()).isGreaterThanOrEqualTo(6);

        e.user().post("/me/requests/" + e.requestId() + "/deactivate", Map.of());
        assertRefused(e.user().post(path, extension(1800, freshOtp(e.user()))), 409, "conflict");
    }

    @Test
    void aPolicyThatForbidsExtensionsIsObeyed() {
        Elevation forbidden = activated(Map.of("allowExtension", false), null);
        assertThat(realm.pimAdmin("GET", "/policies/" + forbidden.roleId(), null).path("allowExtension").asBoolean()).isFalse();
        assertRefused(forbidden.user().post("/me/requests/" + forbidden.requestId() + "/extend", extension(1800, freshOtp(forbidden.user()))),
                403, "forbidden");
        assertThat(request(forbidden.requestId()).path("endsAt").asLong()).isEqualTo(forbidden.endsAt());

        Elevation allowed = activated(Map.of(), null);
        assertThat(realm.pimAdmin("GET", "/policies/" + allowed.roleId(), null).path("allowExtension").asBoolean()).as("the default").isTrue();
    }

    @Test
    void anAdminsAssignmentIsNotTheUsersToExtendEvenWhenTheUserIsEligible() {
        Elevation eligible = activated(Map.of(), null);
        eligible.user().post("/me/requests/" + eligible.requestId() + "/deactivate", Map.of());
        JsonNode assignment = realm.pimAdmin("POST", "/assignments", Map.of("userId", eligible.user().id(), "roleId", eligible.roleId(),
                "endsAt", ServerClock.nowMillis() + 15 * MINUTE, "justification", "release night"));
        assertRefused(eligible.user().post("/me/requests/" + assignment.path("id").asText() + "/extend", extension(1800, freshOtp(eligible.user()))),
                403, "forbidden");
        assertThat(request(assignment.path("id").asText()).path("endsAt").asLong()).isEqualTo(assignment.path("endsAt").asLong());
    }

    private static void assertRefused(Http.Response response, int status, String error) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().path("error").asText()).as(response.toString()).isEqualTo(error);
    }
}
