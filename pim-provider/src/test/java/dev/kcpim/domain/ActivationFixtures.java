package dev.kcpim.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

/** The fixed instant, policies and assertions the activation rule tests share. */
final class ActivationFixtures {
    private ActivationFixtures() {
    }

    static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    static final String VALID_JUSTIFICATION = "INC-1234 database failover";
    static final Policy DEFAULTS = Policy.defaults("role");

    static Policy policy(int maxActivation, boolean requireJustification, String pattern, boolean requireTicket) {
        return new Policy("role", maxActivation, true, requireJustification, pattern, requireTicket, false, null, 1,
                86_400, true, null, false, null, true);
    }

    static ActivationRequest justified(Long duration, Instant startsAt) {
        return new ActivationRequest(duration, VALID_JUSTIFICATION, null, startsAt);
    }

    static void assertRejected(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(PimException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    static void assertRejected(Runnable call, ErrorCode code, String description) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(PimException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(code);
            assertThat(e.description()).isEqualTo(description);
        });
    }
}
