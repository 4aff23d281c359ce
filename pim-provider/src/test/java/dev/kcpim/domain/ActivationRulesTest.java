package dev.kcpim.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static dev.kcpim.domain.ActivationFixtures.*;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ActivationRules}: the checks on a user's input (justification, ticket, duration, start). */
class ActivationRulesTest {

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

    @Test
    void approvalDeadlineFollowsThePolicyTimeout() {
        assertThat(ActivationRules.approvalDeadline(DEFAULTS, NOW)).isEqualTo(NOW.plusSeconds(86_400));
    }
}
