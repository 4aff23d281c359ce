package dev.kcpim.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class JustificationPatternTest {

    @Test
    @Timeout(1)
    void catastrophicBacktrackingPatternAnswersAtOnce() {
        JustificationPattern pattern = JustificationPattern.compile("(.*a){10}");
        assertThat(pattern.matches("a".repeat(39) + "b")).isFalse();
        assertThat(pattern.matches("x".repeat(100_000))).isFalse();
        assertThat(pattern.matches("a".repeat(10))).isTrue();
    }

    @Test
    void matchesTheWholeText() {
        JustificationPattern pattern = JustificationPattern.compile("INC-[0-9]+: .+");
        assertThat(pattern.matches("INC-42: disk full")).isTrue();
        assertThat(pattern.matches("see INC-42: disk full")).isFalse();
        assertThat(pattern.matches("INC-42:")).isFalse();
    }

    @Test
    void backreferencesAndLookaroundAreNotRe2AndRejected() {
        for (String unsupported : new String[]{"(a)\\1", "(?=INC)INC-[0-9]+", "(?<!x)y"}) {
            assertThatThrownBy(() -> JustificationPattern.compile(unsupported))
                    .as(unsupported)
                    .isInstanceOfSatisfying(PimException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
                        assertThat(e.description()).startsWith("justificationPattern is not a valid RE2 regular expression");
                    });
        }
    }
}
