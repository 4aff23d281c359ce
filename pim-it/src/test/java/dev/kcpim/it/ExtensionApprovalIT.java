package dev.kcpim.it;

import static dev.kcpim.it.support.Approvals.decide;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.Mailbox;
import dev.kcpim.it.support.Mailbox.Mail;
import dev.kcpim.it.support.ServerClock;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import dev.kcpim.it.support.Totp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Contract v1.1: extending an elevation whose policy requires approval creates a request of kind EXTENSION
 * ({@code 201}, PENDING_APPROVAL, {@code extends} the elevation) while the elevation runs on unchanged; the
 * approvers decide it like an activation; on approval the elevation's end moves (the same request and mapping,
 * no gap), on denial nothing changes; one pending extension per elevation; an elevation that ends takes its
 * pending extension with it.
 */
class ExtensionApprovalIT {

    @RegisterExtension
    @Order(1)
    static final TestRealm realm = new TestRealm();
    @RegisterExtension
    @Order(2)
    static final Mailbox mail = new Mailbox().sendingFrom(realm);
    @RegisterExtension
    final ServerClock clock = new ServerClock(realm);

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private record Elevation(TestUser user, TestUser approver, String roleId, String roleName, String requestId, long endsAt) {
    }

    /**
     * An ACTIVE 10-minute elevation (activated without OTP) of a user with an OTP credential, whose role's policy then starts
     * requiring one approver's approval, and OTP if asked.
     */
    private Elevation activatedThenApprovalRequired(boolean requireOtp) {
        int n = COUNTER.incrementAndGet();
        String roleName = "guarded-" + n;
        String roleId = realm.createRealmRole(roleName);
        TestUser user = realm.createUser("asks-longer-" + n, UUID.randomUUID().toString().replace("-", "").substring(0, 20));
        TestUser approver = realm.createUser("extension-approver-" + n);
        realm.putPolicy(roleId, Map.of("requireOtp", false));
        realm.makeEligible(user, roleId);
        Http.Response activation = user.post("/me/requests", Map.of("roleId", roleId, "durationSeconds", 600,
                "justification", "incident INC-9"));
        assertThat(activation.status()).as(activation.toString()).isEqualTo(201);
        realm.putPolicy(roleId, Map.of("requireOtp", requireOtp, "requireApproval", true, "approvers", Map.of("users", List.of(approver.id()))));
        return new Elevation(user, approver, roleId, roleName, activation.json().path("id").asText(), activation.json().path("endsAt").asLong());
    }

    /** Asks to extend, with a TOTP code of now (each user of these tests uses one code, so none is refused as reused). */
    private Http.Response extend(Elevation e, long durationSeconds) {
        return e.user().post("/me/requests/" + e.requestId() + "/extend", Map.of("durationSeconds", durationSeconds,
                "justification", "the incident goes on", "otp", Totp.now(e.user().totpSecret())));
    }

    private static JsonNode request(String id) {
        return realm.pimAdmin("GET", "/requests/" + id, null);
    }

    @Test
    void anApprovedExtensionMovesTheEndOfTheSameElevation() {
        Elevation e = activatedThenApprovalRequired(true);

        Http.Response asked = extend(e, 3600);
        assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
        JsonNode extension = asked.json();
        assertThat(extension.path("kind").asText()).isEqualTo("EXTENSION");
        assertThat(extension.path("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(extension.path("extends").asText()).isEqualTo(e.requestId());
        assertThat(asked.header("Location")).endsWith("/me/requests/" + extension.path("id").asText());
        assertThat(request(e.requestId()).path("endsAt").asLong()).as("runs on unchanged meanwhile").isEqualTo(e.endsAt());
        assertThat(realm.hasDirectRealmRole(e.user(), e.roleName())).isTrue();
        JsonNode awaiting = e.approver().get("/approvals").json();
        assertThat(awaiting.findValuesAsText("id")).contains(extension.path("id").asText());
        for (JsonNode item : awaiting) {
            if (item.path("id").asText().equals(extension.path("id").asText())) {
                assertThat(item.path("extendedEndsAt").asLong()).as("the approver sees the current end").isEqualTo(e.endsAt());
            }
        }
        for (JsonNode eligible : e.user().get("/me/eligible").json()) {
            if (eligible.path("role").path("id").asText().equals(e.roleId())) {
                assertThat(eligible.path("activeRequest").path("id").asText()).as("the elevation, not its pending extension")
                        .isEqualTo(e.requestId());
            }
        }

        Http.Response approved = decide(e.approver(), extension.path("id").asText(), "APPROVE", "still needed");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().path("status").asText()).isEqualTo("APPLIED");
        JsonNode original = request(e.requestId());
        assertThat(approved.json().path("endsAt").asLong()).as("the end the approval set").isEqualTo(original.path("endsAt").asLong());
        assertThat(original.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(original.path("extensions").asInt()).isEqualTo(1);
        long expectedEnd = ServerClock.nowMillis() + 3_600_000L;
        assertThat(original.path("endsAt").asLong()).isBetween(expectedEnd - 10_000, expectedEnd + 1_000);
        assertThat(realm.hasDirectRealmRole(e.user(), e.roleName())).isTrue();
        JsonNode audit = realm.pimAdmin("GET", "/audit?userId=" + e.user().id(), null);
        assertThat(audit.findValuesAsText("action")).contains("EXTENSION_REQUESTED", "APPROVAL_DECIDED", "APPROVED", "EXTENDED");

        Mail asking = mail.awaitMail(e.approver(), "Approval needed", realm.server());
        assertThat(asking.text()).contains(e.user().username() + " asks to extend their elevation to the role " + e.roleName());
        Mail done = mail.awaitMail(e.user(), "Approved", realm.server());
        assertThat(done.text()).contains("The extension of your elevation to the role " + e.roleName() + " was approved by "
                + e.approver().username()).contains("The role is yours until");

        clock.advanceAndExpire(Duration.ofMinutes(20));
        assertThat(request(e.requestId()).path("status").asText()).as("the old end passed, the new one not").isEqualTo("ACTIVE");
        assertThat(realm.hasDirectRealmRole(e.user(), e.roleName())).isTrue();
    }

    @Test
    void aDeniedExtensionChangesNothingAndOnlyOneWaitsAtATime() {
        Elevation e = activatedThenApprovalRequired(false);
        String extensionId = extend(e, 3600).json().path("id").asText();

        Http.Response second = extend(e, 1800);
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.json().path("error").asText()).isEqualTo("conflict");

        Http.Response denied = decide(e.approver(), extensionId, "DENY", "hand it over to the next shift");
        assertThat(denied.json().path("status").asText()).isEqualTo("DENIED");
        assertThat(request(e.requestId()).path("endsAt").asLong()).isEqualTo(e.endsAt());
        assertThat(request(e.requestId()).path("extensions").asInt()).isZero();
        assertThat(extend(e, 1800).status()).as("after the decision the user may ask again").isEqualTo(201);
    }

    @Test
    void anElevationThatEndsTakesItsPendingExtensionWithIt() {
        Elevation deactivated = activatedThenApprovalRequired(false);
        String firstExtension = extend(deactivated, 3600).json().path("id").asText();
        deactivated.user().post("/me/requests/" + deactivated.requestId() + "/deactivate", Map.of());
        assertThat(request(firstExtension).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(request(firstExtension).path("endReason").asText()).isEqualTo("the elevation it would extend has ended");

        Elevation expired = activatedThenApprovalRequired(false);
        String secondExtension = extend(expired, 3600).json().path("id").asText();
        clock.advanceAndExpire(Duration.ofMinutes(11));
        assertThat(request(expired.requestId()).path("status").asText()).isEqualTo("EXPIRED");
        Http.Response late = decide(expired.approver(), secondExtension, "APPROVE", "too late");
        assertThat(late.status()).as(late.toString()).isIn(409);
        clock.runExpiry();
        assertThat(request(secondExtension).path("status").asText()).as("the basis checks cancel it").isEqualTo("CANCELLED");
        assertThat(realm.hasDirectRealmRole(expired.user(), expired.roleName())).isFalse();
    }
}
