package dev.kcpim.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.kcpim.domain.ActivationFixtures.*;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link ActivationRules}: the window an activation or an admin's assignment gets. */
class ActivationPlanTest {

    @Nested
    class Plan {

        private final EligibilityWindow permanent = new EligibilityWindow(NOW.minusSeconds(86_400), null);

        @Test
        void defaultsToThePolicyMaximumStartingNow() {
            ActivationPlan plan = ActivationRules.plan(DEFAULTS, justified(null, null), permanent, NOW);

            assertThat(plan).isEqualTo(new ActivationPlan(NOW, NOW.plusSeconds(28_800), 28_800, false));
            assertThat(plan.initialStatus()).isEqualTo(RequestStatus.ACTIVE);
        }

        @Test
        void usesTheRequestedDuration() {
            assertThat(ActivationRules.plan(DEFAULTS, justified(3600L, null), permanent, NOW))
                    .isEqualTo(new ActivationPlan(NOW, NOW.plusSeconds(3600), 3600, false));
        }

        @Test
        void startAtOrBeforeNowMeansNow() {
            assertThat(ActivationRules.plan(DEFAULTS, justified(3600L, NOW), permanent, NOW))
                    .isEqualTo(new ActivationPlan(NOW, NOW.plusSeconds(3600), 3600, false));
            assertThat(ActivationRules.plan(DEFAULTS, justified(3600L, NOW.minusSeconds(120)), permanent, NOW))
                    .isEqualTo(new ActivationPlan(NOW, NOW.plusSeconds(3600), 3600, false));
        }

        @Test
        void futureStartIsScheduled() {
            Instant start = NOW.plusMillis(1);

            ActivationPlan plan = ActivationRules.plan(DEFAULTS, justified(3600L, start), permanent, NOW);

            assertThat(plan).isEqualTo(new ActivationPlan(start, start.plusSeconds(3600), 3600, true));
            assertThat(plan.initialStatus()).isEqualTo(RequestStatus.SCHEDULED);
        }

        @Test
        void scheduledStartInsideABoundedEligibility() {
            EligibilityWindow window = new EligibilityWindow(NOW.plusSeconds(3600), NOW.plusSeconds(86_400));

            assertThat(ActivationRules.plan(DEFAULTS, justified(600L, NOW.plusSeconds(3600)), window, NOW))
                    .isEqualTo(new ActivationPlan(NOW.plusSeconds(3600), NOW.plusSeconds(4200), 600, true));
        }

        @Test
        void startBeforeTheEligibilityIsNotEligible() {
            EligibilityWindow future = new EligibilityWindow(NOW.plusSeconds(3600), null);

            assertRejected(() -> ActivationRules.plan(DEFAULTS, justified(600L, null), future, NOW),
                    ErrorCode.NOT_ELIGIBLE, "the eligibility does not cover the requested start");
            assertRejected(() -> ActivationRules.plan(DEFAULTS, justified(600L, NOW.plusSeconds(3599)), future, NOW),
                    ErrorCode.NOT_ELIGIBLE);
        }

        @Test
        void startAtOrAfterTheEligibilityEndIsNotEligible() {
            EligibilityWindow window = new EligibilityWindow(NOW.minusSeconds(3600), NOW.plusSeconds(3600));

            assertRejected(() -> ActivationRules.plan(DEFAULTS, justified(600L, NOW.plusSeconds(3600)), window, NOW),
                    ErrorCode.NOT_ELIGIBLE);
            assertRejected(() -> ActivationRules.plan(DEFAULTS, justified(600L, NOW.plusSeconds(7200)), window, NOW),
                    ErrorCode.NOT_ELIGIBLE);
        }

        @Test
        void expiredEligibilityIsNotEligible() {
            EligibilityWindow expired = new EligibilityWindow(NOW.minusSeconds(7200), NOW);

            assertRejected(() -> ActivationRules.plan(DEFAULTS, justified(600L, null), expired, NOW),
                    ErrorCode.NOT_ELIGIBLE);
        }

        @Test
        void endIsCappedAtTheEligibilityEnd() {
            EligibilityWindow window = new EligibilityWindow(NOW.minusSeconds(3600), NOW.plusSeconds(1800));

            assertThat(ActivationRules.plan(DEFAULTS, justified(3600L, null), window, NOW))
                    .isEqualTo(new ActivationPlan(NOW, NOW.plusSeconds(1800), 1800, false));
        }

        @Test
        void scheduledEndIsCappedAtTheEligibilityEnd() {
            EligibilityWindow window = new EligibilityWindow(NOW, NOW.plusSeconds(7200));

            assertThat(ActivationRules.plan(DEFAULTS, justified(3600L, NOW.plusSeconds(5400)), window, NOW))
                    .isEqualTo(new ActivationPlan(NOW.plusSeconds(5400), NOW.plusSeconds(7200), 1800, true));
        }

        @Test
        void endExactlyAtTheEligibilityEndIsNotShortened() {
            EligibilityWindow window = new EligibilityWindow(NOW, NOW.plusSeconds(3600));

            assertThat(ActivationRules.plan(DEFAULTS, justified(3600L, null), window, NOW))
                    .isEqualTo(new ActivationPlan(NOW, NOW.plusSeconds(3600), 3600, false));
        }

        @Test
        void durationIsWholeSecondsBetweenStartAndEnd() {
            EligibilityWindow window = new EligibilityWindow(NOW, NOW.plusMillis(90_500));

            ActivationPlan plan = ActivationRules.plan(DEFAULTS, justified(3600L, null), window, NOW);

            assertThat(plan.endsAt()).isEqualTo(NOW.plusMillis(90_500));
            assertThat(plan.durationSeconds()).isEqualTo(90);
        }

        @Test
        void onApprovalTheWindowStartsAtTheApproval() {
            Instant requestedAt = NOW;
            Instant approvedAt = NOW.plusSeconds(1200);
            ActivationPlan atRequest = ActivationRules.plan(DEFAULTS, justified(3600L, null), permanent, requestedAt);

            ActivationPlan atApproval = ActivationRules.plan(DEFAULTS,
                    justified(atRequest.durationSeconds(), atRequest.startsAt()), permanent, approvedAt);

            assertThat(atApproval).isEqualTo(new ActivationPlan(approvedAt, approvedAt.plusSeconds(3600), 3600, false));
        }

        @Test
        void onApprovalALaterRequestedStartStaysScheduled() {
            Instant start = NOW.plusSeconds(7200);

            ActivationPlan atApproval = ActivationRules.plan(DEFAULTS, justified(3600L, start), permanent,
                    NOW.plusSeconds(600));

            assertThat(atApproval).isEqualTo(new ActivationPlan(start, start.plusSeconds(3600), 3600, true));
        }
    }

    @Nested
    class Assignment {

        @Test
        void endIsRequired() {
            assertRejected(() -> ActivationRules.planAssignment(null, null, NOW), ErrorCode.INVALID_REQUEST,
                    "endsAt is required for an assignment");
        }

        @Test
        void startsNowWithoutAStart() {
            ActivationPlan plan = ActivationRules.planAssignment(null, NOW.plusSeconds(3600), NOW);

            assertThat(plan).isEqualTo(new ActivationPlan(NOW, NOW.plusSeconds(3600), 3600, false));
        }

        @Test
        void pastStartMeansNow() {
            assertThat(ActivationRules.planAssignment(NOW.minusSeconds(86_400), NOW.plusSeconds(3600), NOW))
                    .isEqualTo(new ActivationPlan(NOW, NOW.plusSeconds(3600), 3600, false));
        }

        @Test
        void futureStartIsScheduled() {
            assertThat(ActivationRules.planAssignment(NOW.plusSeconds(60), NOW.plusSeconds(3660), NOW))
                    .isEqualTo(new ActivationPlan(NOW.plusSeconds(60), NOW.plusSeconds(3660), 3600, true));
        }

        @Test
        void endMustBeAfterStart() {
            assertRejected(() -> ActivationRules.planAssignment(NOW.plusSeconds(60), NOW.plusSeconds(60), NOW),
                    ErrorCode.INVALID_REQUEST, "endsAt must be after startsAt");
        }

        @Test
        void endMustBeInTheFuture() {
            assertRejected(() -> ActivationRules.planAssignment(null, NOW, NOW), ErrorCode.INVALID_REQUEST,
                    "endsAt must be in the future");
            assertRejected(() -> ActivationRules.planAssignment(NOW.minusSeconds(7200), NOW.minusSeconds(3600), NOW),
                    ErrorCode.INVALID_REQUEST, "endsAt must be in the future");
            assertThat(ActivationRules.planAssignment(null, NOW.plusMillis(1), NOW).endsAt()).isEqualTo(NOW.plusMillis(1));
        }

        @Test
        void startAtMost30DaysAhead() {
            Instant limit = NOW.plus(Duration.ofDays(30));

            assertThat(ActivationRules.planAssignment(limit, limit.plusSeconds(3600), NOW).scheduled()).isTrue();
            assertRejected(() -> ActivationRules.planAssignment(limit.plusMillis(1), limit.plusSeconds(3600), NOW),
                    ErrorCode.INVALID_REQUEST);
        }

        @Test
        void lastsAtMost365Days() {
            assertThat(ActivationRules.MAX_ASSIGNMENT_SECONDS).isEqualTo(365L * 86_400);
            Instant start = NOW.plusSeconds(600);

            assertThat(ActivationRules.planAssignment(start, start.plus(Duration.ofDays(365)), NOW).durationSeconds())
                    .isEqualTo(365L * 86_400);
            assertRejected(() -> ActivationRules.planAssignment(start, start.plus(Duration.ofDays(365)).plusMillis(1), NOW),
                    ErrorCode.INVALID_REQUEST, "an assignment may last at most 31536000 seconds (365 days)");
        }

        @Test
        void lengthOfAPastStartIsMeasuredFromNow() {
            Instant end = NOW.plus(Duration.ofDays(365));

            assertThat(ActivationRules.planAssignment(NOW.minus(Duration.ofDays(10)), end, NOW))
                    .isEqualTo(new ActivationPlan(NOW, end, 365L * 86_400, false));
        }
    }
}
