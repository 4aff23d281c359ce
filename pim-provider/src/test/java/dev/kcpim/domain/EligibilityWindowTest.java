package dev.kcpim.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class EligibilityWindowTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    private static final Instant START = NOW.plusSeconds(3600);
    private static final Instant END = START.plusSeconds(86_400);

    private static Policy policy(boolean allowPermanent, Long maxEligibilitySeconds) {
        return new Policy("role", 28_800, true, true, null, false, false, null, 1, 86_400, allowPermanent,
                maxEligibilitySeconds, false, null, true);
    }

    private static void assertInvalid(Runnable call, String description) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(PimException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.description()).isEqualTo(description);
        });
    }

    @Test
    void stateAtTheExactBoundaries() {
        EligibilityWindow window = new EligibilityWindow(START, END);

        assertThat(window.stateAt(START.minusMillis(1))).isEqualTo(EligibilityState.FUTURE);
        assertThat(window.stateAt(START)).isEqualTo(EligibilityState.ELIGIBLE);
        assertThat(window.stateAt(END.minusMillis(1))).isEqualTo(EligibilityState.ELIGIBLE);
        assertThat(window.stateAt(END)).isEqualTo(EligibilityState.EXPIRED);
        assertThat(window.stateAt(END.plusSeconds(1))).isEqualTo(EligibilityState.EXPIRED);
    }

    @Test
    void containsIsStartInclusiveEndExclusive() {
        EligibilityWindow window = new EligibilityWindow(START, END);

        assertThat(window.contains(START.minusMillis(1))).isFalse();
        assertThat(window.contains(START)).isTrue();
        assertThat(window.contains(END.minusMillis(1))).isTrue();
        assertThat(window.contains(END)).isFalse();
    }

    @Test
    void permanentWindowNeverExpires() {
        EligibilityWindow window = new EligibilityWindow(START, null);

        assertThat(window.isPermanent()).isTrue();
        assertThat(window.stateAt(START.minusMillis(1))).isEqualTo(EligibilityState.FUTURE);
        assertThat(window.stateAt(Instant.parse("9999-12-31T23:59:59Z"))).isEqualTo(EligibilityState.ELIGIBLE);
        assertThat(window.contains(Instant.parse("9999-12-31T23:59:59Z"))).isTrue();
    }

    @Test
    void startIsRequired() {
        assertThatThrownBy(() -> new EligibilityWindow(null, END)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void newEligibilityStartsNowWhenNoStartIsGiven() {
        EligibilityWindow window = EligibilityWindow.forNewEligibility(policy(true, null), null, END, NOW);

        assertThat(window).isEqualTo(new EligibilityWindow(NOW, END));
    }

    @Test
    void newEligibilityKeepsTheRequestedWindow() {
        assertThat(EligibilityWindow.forNewEligibility(policy(true, null), START, END, NOW))
                .isEqualTo(new EligibilityWindow(START, END));
        assertThat(EligibilityWindow.forNewEligibility(policy(true, null), NOW.minusSeconds(60), END, NOW))
                .isEqualTo(new EligibilityWindow(NOW.minusSeconds(60), END));
    }

    @Test
    void permanentEligibilityWhenThePolicyAllowsIt() {
        assertThat(EligibilityWindow.forNewEligibility(policy(true, null), START, null, NOW))
                .isEqualTo(new EligibilityWindow(START, null));
    }

    @Test
    void permanentEligibilityRefusedWhenThePolicyForbidsIt() {
        assertInvalid(() -> EligibilityWindow.forNewEligibility(policy(false, null), null, null, NOW),
                "this role's policy does not allow permanent eligibility");
    }

    @Test
    void permanentEligibilityRefusedWhenThePolicyLimitsItsLength() {
        assertInvalid(() -> EligibilityWindow.forNewEligibility(policy(true, 3600L), null, null, NOW),
                "endsAt is required: this role's policy limits eligibility to 3600 seconds");
    }

    @Test
    void endMustBeAfterStart() {
        assertInvalid(() -> EligibilityWindow.forNewEligibility(policy(true, null), START, START, NOW),
                "endsAt must be after startsAt");
        assertInvalid(() -> EligibilityWindow.forNewEligibility(policy(true, null), START, START.minusSeconds(1), NOW),
                "endsAt must be after startsAt");
        assertThat(EligibilityWindow.forNewEligibility(policy(true, null), START, START.plusMillis(1), NOW).endsAt())
                .isEqualTo(START.plusMillis(1));
    }

    @Test
    void endMustBeInTheFuture() {
        Instant longAgo = NOW.minusSeconds(86_400);

        assertInvalid(() -> EligibilityWindow.forNewEligibility(policy(true, null), longAgo, NOW, NOW),
                "endsAt must be in the future");
        assertThat(EligibilityWindow.forNewEligibility(policy(true, null), longAgo, NOW.plusMillis(1), NOW).endsAt())
                .isEqualTo(NOW.plusMillis(1));
    }

    @Test
    void lengthUpToTheMaximumIsAccepted() {
        EligibilityWindow window = EligibilityWindow.forNewEligibility(policy(true, 3600L), START,
                START.plusSeconds(3600), NOW);

        assertThat(window.endsAt()).isEqualTo(START.plusSeconds(3600));
    }

    @Test
    void lengthBeyondTheMaximumIsRefused() {
        assertInvalid(() -> EligibilityWindow.forNewEligibility(policy(true, 3600L), START,
                        START.plusSeconds(3600).plusMillis(1), NOW),
                "this role's policy limits eligibility to 3600 seconds from startsAt to endsAt");
    }

    @Test
    void maximumLengthIsMeasuredFromNowWhenNoStartIsGiven() {
        assertThat(EligibilityWindow.forNewEligibility(policy(true, 3600L), null, NOW.plusSeconds(3600), NOW).startsAt())
                .isEqualTo(NOW);
        assertInvalid(() -> EligibilityWindow.forNewEligibility(policy(true, 3600L), null, NOW.plusSeconds(3601), NOW),
                "this role's policy limits eligibility to 3600 seconds from startsAt to endsAt");
    }
}
