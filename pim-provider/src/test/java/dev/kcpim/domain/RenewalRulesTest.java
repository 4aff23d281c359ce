package dev.kcpim.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RenewalRulesTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @ParameterizedTest
    @ValueSource(longs = {14 * 24, 1, 0, -1, -30 * 24})
    void anEligibilityEndingWithin14DaysOrEndedWithin30IsRenewable(long hoursFromNow) {
        assertThatCode(() -> RenewalRules.checkRenewable(NOW.plus(Duration.ofHours(hoursFromNow)), NOW)).doesNotThrowAnyException();
        assertThat(RenewalRules.isRenewable(NOW.plus(Duration.ofHours(hoursFromNow)), NOW)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(longs = {14 * 24 + 1, -30 * 24 - 1})
    void anEligibilityOutsideTheWindowIsNot(long hoursFromNow) {
        assertThatThrownBy(() -> RenewalRules.checkRenewable(NOW.plus(Duration.ofHours(hoursFromNow)), NOW))
                .isInstanceOfSatisfying(PimException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(RenewalRules.isRenewable(NOW.plus(Duration.ofHours(hoursFromNow)), NOW)).isFalse();
    }

    @Test
    void aPermanentEligibilityNeedsNoRenewal() {
        assertThatThrownBy(() -> RenewalRules.checkRenewable(null, NOW)).hasMessageContaining("permanent");
    }

    @Test
    void anApprovalNeedsAFutureEndAndADenialAReason() {
        assertThat(RenewalRules.validateDecision("APPROVE", NOW.plusSeconds(60).toEpochMilli(), null, NOW)).isEqualTo(Decision.APPROVE);
        assertThat(RenewalRules.validateDecision("DENY", null, "no longer needed", NOW)).isEqualTo(Decision.DENY);
        assertThatThrownBy(() -> RenewalRules.validateDecision("APPROVE", null, null, NOW)).hasMessageContaining("endsAt is required");
        assertThatThrownBy(() -> RenewalRules.validateDecision("APPROVE", NOW.toEpochMilli(), null, NOW)).hasMessageContaining("future");
        assertThatThrownBy(() -> RenewalRules.validateDecision("DENY", null, " ", NOW)).hasMessageContaining("reason is required");
        assertThatThrownBy(() -> RenewalRules.validateDecision(null, null, null, NOW)).hasMessageContaining("decision is required");
    }
}
