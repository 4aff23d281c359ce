package dev.kcpim.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PimSettingsTest {

    @Test
    void theDefaultsAreTheContractsAndValid() {
        assertThat(PimSettings.DEFAULTS.validate()).isEqualTo(new PimSettings(10, 90, 30, 5, 24, 10));
    }

    @Test
    void eachFieldIsCheckedAgainstItsRangeAndNamedWhenOutside() {
        assertInvalid(new PimSettings(0, 90, 30, 5, 24, 10), "tooManyHoldersThreshold");
        assertInvalid(new PimSettings(10, 0, 30, 5, 24, 10), "unusedEligibilityDays");
        assertInvalid(new PimSettings(10, 90, 3651, 5, 24, 10), "staleAccountDays");
        assertInvalid(new PimSettings(10, 90, 30, 0, 24, 10), "frequentActivationCount");
        assertInvalid(new PimSettings(10, 90, 30, 5, 0, 10), "frequentActivationWindowHours");
        assertInvalid(new PimSettings(10, 90, 30, 5, 24, -1), "elevationEndingReminderMinutes");
        assertInvalid(new PimSettings(10, 90, 30, 5, 24, 1441), "elevationEndingReminderMinutes");
    }

    @Test
    void theBoundsThemselvesAreAllowedAndAZeroReminderTurnsItOff() {
        assertThat(new PimSettings(1, 1, 1, 1, 1, 0).validate()).isNotNull();
        assertThat(new PimSettings(PimSettings.MAX_HOLDERS_THRESHOLD, PimSettings.MAX_DAYS, PimSettings.MAX_DAYS,
                PimSettings.MAX_ACTIVATION_COUNT, PimSettings.MAX_WINDOW_HOURS, PimSettings.MAX_REMINDER_MINUTES).validate()).isNotNull();
    }

    private static void assertInvalid(PimSettings settings, String field) {
        assertThatThrownBy(settings::validate).isInstanceOfSatisfying(PimException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.description()).startsWith(field + " must be between");
        });
    }
}
