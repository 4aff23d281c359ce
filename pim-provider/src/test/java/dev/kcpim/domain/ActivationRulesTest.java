package dev.kcpim.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActivationRulesTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    private static final String VALID_JUSTIFICATION = "INC-1234 database failover";
    private static final Policy DEFAULTS = Policy.defaults("role");

    private static Policy policy(int maxActivation, boolean requireJustification, String pattern, boolean requireTicket) {
        return new Policy("role", maxActivation, true, requireJustification, pattern, requireTicket, false, null, 1,
                86_400, true, null, false);
    }

    private static ActivationRequest justified(Long duration, Instant startsAt) {
        return new ActivationRequest(duration, VALID_JUSTIFICATION, null, startsAt);
    }

    private static void assertRejected(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(PimException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    private static void assertRejected(Runnable call, ErrorCode code, String description) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(PimException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(code);
            assertThat(e.description()).isEqualTo(description);
        });
    }

    @Nested
    class Justification {

        private void validate(Policy policy, String justification) {
            ActivationRules.validateInput(policy, new ActivationRequest(null, justification, null, null), NOW);
        }

        @Test
        void upTo1000CharactersIsAccepted() {
            assertThatCode(() -> validate(DEFAULTS, "j".repeat(1000))).doesNotThrowAnyException();
        }

        @Test
        void moreThan1000CharactersIsInvalid() {
            assertRejected(() -> validate(DEFAULTS, "j".repeat(1001)), ErrorCode.JUSTIFICATION_INVALID,
                    "justification must be at most 1000 characters");
            assertRejected(() -> validate(policy(28_800, false, null, false), "j".repeat(1001)),
                    ErrorCode.JUSTIFICATION_INVALID);
        }

        @Test
        void lengthIsCheckedBeforeBlankness() {
            assertRejected(() -> validate(DEFAULTS, " ".repeat(1001)), ErrorCode.JUSTIFICATION_INVALID);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", " \n\t "})
        void blankIsMissingWhenRequired(String blank) {
            assertRejected(() -> validate(DEFAULTS, blank), ErrorCode.JUSTIFICATION_REQUIRED);
        }

        @Test
        void nullIsMissingWhenRequired() {
            assertRejected(() -> validate(DEFAULTS, null), ErrorCode.JUSTIFICATION_REQUIRED);
        }

        @Test
        void missingIsFineWhenNotRequiredEvenWithAPattern() {
            Policy optional = policy(28_800, false, "INC-\\d+", false);

            assertThatCode(() -> validate(optional, null)).doesNotThrowAnyException();
            assertThatCode(() -> validate(optional, "  ")).doesNotThrowAnyException();
        }

        @Test
        void mustMatchThePatternEntirely() {
            Policy withPattern = policy(28_800, true, "INC-\\d+", false);

            assertThatCode(() -> validate(withPattern, "INC-42")).doesNotThrowAnyException();
            assertRejected(() -> validate(withPattern, "see INC-42"), ErrorCode.JUSTIFICATION_INVALID,
                    "justification must match the pattern INC-\\d+");
            assertRejected(() -> validate(withPattern, "INC-42 and more"), ErrorCode.JUSTIFICATION_INVALID);
        }

        @Test
        void patternAppliesToAnOptionalJustificationThatIsGiven() {
            assertRejected(() -> validate(policy(28_800, false, "INC-\\d+", false), "because"),
                    ErrorCode.JUSTIFICATION_INVALID);
        }

        @Test
        void lineBreaksAndTabsAreAllowed() {
            assertThatCode(() -> validate(DEFAULTS, "line one\r\nline two\tindented")).doesNotThrowAnyException();
        }

        @ParameterizedTest
        @ValueSource(strings = {"\u0000", "\u0007", "\u001b[31m", "\u007f", "\u0085", "\u009f"})
        void otherControlCharactersAreInvalid(String control) {
            assertRejected(() -> validate(DEFAULTS, "reason " + control), ErrorCode.JUSTIFICATION_INVALID,
                    "justification must not contain control characters");
        }

        @Test
        void patternIsCheckedBeforeControlCharacters() {
            assertThatThrownBy(() -> validate(policy(28_800, true, "INC-\\d+", false), "INC-1\u0007"))
                    .hasMessageContaining("pattern");
            assertThatThrownBy(() -> validate(policy(28_800, true, "INC-\\d+\\x07", false), "INC-1\u0007"))
                    .hasMessageContaining("control characters");
        }
    }

    @Nested
    class Ticket {

        private void validate(Policy policy, String ticket) {
            ActivationRules.validateInput(policy, new ActivationRequest(null, VALID_JUSTIFICATION, ticket, null), NOW);
        }

        @Test
        void upTo200CharactersIsAccepted() {
            assertThatCode(() -> validate(policy(28_800, true, null, true), "t".repeat(200))).doesNotThrowAnyException();
        }

        @Test
        void moreThan200CharactersIsInvalid() {
            assertRejected(() -> validate(DEFAULTS, "t".repeat(201)), ErrorCode.INVALID_REQUEST,
                    "ticket must be at most 200 characters");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\n", "\t", "\r", "\u0000", "\u007f"})
        void anyControlCharacterIsInvalid(String control) {
            assertRejected(() -> validate(DEFAULTS, "CHG-1" + control), ErrorCode.INVALID_REQUEST,
                    "ticket must not contain control characters");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   "})
        void blankIsMissingWhenRequired(String blank) {
            assertRejected(() -> validate(policy(28_800, true, null, true), blank), ErrorCode.TICKET_REQUIRED);
        }

        @Test
        void nullIsMissingWhenRequired() {
            assertRejected(() -> validate(policy(28_800, true, null, true), null), ErrorCode.TICKET_REQUIRED);
        }

        @Test
        void optionalByDefault() {
            assertThatCode(() -> validate(DEFAULTS, null)).doesNotThrowAnyException();
        }

        @Test
        void justificationIsCheckedBeforeTicket() {
            assertRejected(() -> ActivationRules.validateInput(policy(28_800, true, null, true),
                    new ActivationRequest(null, null, null, null), NOW), ErrorCode.JUSTIFICATION_REQUIRED);
        }
    }

    @Nested
    class DurationInput {

        private void validate(Policy policy, long duration) {
            ActivationRules.validateInput(policy, justified(duration, null), NOW);
        }

        @Test
        void from60ToThePolicyMaximumIsAccepted() {
            assertThatCode(() -> validate(DEFAULTS, 60)).doesNotThrowAnyException();
            assertThatCode(() -> validate(DEFAULTS, 28_800)).doesNotThrowAnyException();
        }

        @Test
        void below60IsInvalid() {
            assertRejected(() -> validate(DEFAULTS, 59), ErrorCode.DURATION_INVALID,
                    "durationSeconds must be between 60 and 28800 for this role");
            assertRejected(() -> validate(DEFAULTS, 0), ErrorCode.DURATION_INVALID);
            assertRejected(() -> validate(DEFAULTS, -60), ErrorCode.DURATION_INVALID);
        }

        @Test
        void abovePolicyMaximumIsInvalid() {
            assertRejected(() -> validate(DEFAULTS, 28_801), ErrorCode.DURATION_INVALID);
        }

        @Test
        void absoluteBoundsWithTheLargestPolicy() {
            Policy largest = policy(2_592_000, true, null, false);

            assertThatCode(() -> validate(largest, 2_592_000)).doesNotThrowAnyException();
            assertRejected(() -> validate(largest, 2_592_001), ErrorCode.DURATION_INVALID,
                    "durationSeconds must be between 60 and 2592000 for this role");
        }

        @Test
        void durationIsOptional() {
            assertThatCode(() -> ActivationRules.validateInput(DEFAULTS, justified(null, null), NOW))
                    .doesNotThrowAnyException();
        }
    }

    @Nested
    class StartInput {

        private void validate(Instant startsAt) {
            ActivationRules.validateInput(DEFAULTS, justified(null, startsAt), NOW);
        }

        @Test
        void upTo30DaysAheadIsAccepted() {
            assertThatCode(() -> validate(NOW.plus(Duration.ofDays(30)))).doesNotThrowAnyException();
        }

        @Test
        void moreThan30DaysAheadIsInvalid() {
            assertRejected(() -> validate(NOW.plus(Duration.ofDays(30)).plusMillis(1)), ErrorCode.INVALID_REQUEST);
        }

        @Test
        void upTo5MinutesInThePastIsAccepted() {
            assertThatCode(() -> validate(NOW)).doesNotThrowAnyException();
            assertThatCode(() -> validate(NOW.minusSeconds(300))).doesNotThrowAnyException();
        }

        @Test
        void moreThan5MinutesInThePastIsInvalid() {
            assertRejected(() -> validate(NOW.minusSeconds(300).minusMillis(1)), ErrorCode.INVALID_REQUEST,
                    "startsAt is in the past");
        }

        @Test
        void durationIsCheckedBeforeStart() {
            assertRejected(() -> ActivationRules.validateInput(DEFAULTS, justified(59L, NOW.minusSeconds(3600)), NOW),
                    ErrorCode.DURATION_INVALID);
        }
    }

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

    @Test
    void approvalDeadlineFollowsThePolicyTimeout() {
        assertThat(ActivationRules.approvalDeadline(DEFAULTS, NOW)).isEqualTo(NOW.plusSeconds(86_400));
    }
}
