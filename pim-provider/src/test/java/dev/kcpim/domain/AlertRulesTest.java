package dev.kcpim.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AlertRulesTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private static Instant daysAgo(double days) {
        return NOW.minus(Duration.ofMinutes(Math.round(days * 24 * 60)));
    }

    @Nested
    class Unused {
        @Test
        void anEligibilityYoungerThanTheDaysIsNotUnusedYet() {
            assertThat(AlertRules.isUnused(daysAgo(89.9), null, NOW, 90)).isFalse();
            assertThat(AlertRules.isUnused(daysAgo(90.1), null, NOW, 90)).isTrue();
        }

        @Test
        void anActivationWithinTheDaysCountsAsUse() {
            assertThat(AlertRules.isUnused(daysAgo(400), daysAgo(10), NOW, 90)).isFalse();
            assertThat(AlertRules.isUnused(daysAgo(400), daysAgo(91), NOW, 90)).isTrue();
        }

        @Test
        void anActivationBeforeTheEligibilityStartedDoesNotMakeItOlder() {
            assertThat(AlertRules.isUnused(daysAgo(5), daysAgo(100), NOW, 90)).isFalse();
        }
    }

    @Nested
    class Stale {
        @Test
        void theLastSignInDecidesWhenThereIsOne() {
            assertThat(AlertRules.isStale(daysAgo(31), daysAgo(400), daysAgo(400), NOW, 30)).isTrue();
            assertThat(AlertRules.isStale(daysAgo(29), daysAgo(400), daysAgo(400), NOW, 30)).isFalse();
        }

        @Test
        void withoutOneTheLaterOfCreationAndTheStartOfRecordingDoes() {
            assertThat(AlertRules.isStale(null, daysAgo(400), daysAgo(10), NOW, 30)).as("recording started 10 days ago").isFalse();
            assertThat(AlertRules.isStale(null, daysAgo(10), daysAgo(400), NOW, 30)).as("created 10 days ago").isFalse();
            assertThat(AlertRules.isStale(null, daysAgo(40), daysAgo(35), NOW, 30)).isTrue();
            assertThat(AlertRules.isStale(null, null, daysAgo(35), NOW, 30)).as("no creation time").isTrue();
        }
    }
}
