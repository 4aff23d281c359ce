package dev.kcpim.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextsTest {

    private static void assertInvalid(String value, boolean required, String description) {
        assertThatThrownBy(() -> Texts.requireText(value, "reason", 10, required))
                .isInstanceOfSatisfying(PimException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.description()).isEqualTo(description);
                });
    }

    @Test
    void returnsTheTextUntrimmed() {
        assertThat(Texts.requireText("  padded  ", "reason", 10, true)).isEqualTo("  padded  ");
    }

    @Test
    void maximumLengthIsInclusive() {
        assertThat(Texts.requireText("x".repeat(10), "reason", 10, true)).hasSize(10);
        assertInvalid("x".repeat(11), true, "reason must be at most 10 characters");
        assertInvalid("x".repeat(11), false, "reason must be at most 10 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t"})
    void blankIsMissing(String blank) {
        assertThat(Texts.requireText(blank, "reason", 10, false)).isNull();
        assertInvalid(blank, true, "reason is required");
    }

    @Test
    void nullIsMissing() {
        assertThat(Texts.requireText(null, "reason", 10, false)).isNull();
        assertInvalid(null, true, "reason is required");
    }

    @Test
    void lineBreaksAndTabsAreAllowed() {
        assertThat(Texts.requireText("a\r\nb\tc", "reason", 10, true)).isEqualTo("a\r\nb\tc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u0008", "\u001f", "\u007f", "\u0080", "\u009f"})
    void otherControlCharactersAreRejected(String control) {
        assertInvalid("ok" + control, false, "reason must not contain control characters");
    }

    @Test
    void controlCharacterDetectionCanForbidWhitespaceControls() {
        assertThat(Texts.containsControlCharacters("a\tb", true)).isFalse();
        assertThat(Texts.containsControlCharacters("a\tb", false)).isTrue();
        assertThat(Texts.containsControlCharacters("a\nb", false)).isTrue();
        assertThat(Texts.containsControlCharacters("plain text \u00e9\u2603", false)).isFalse();
    }
}
