package dev.kcpim.domain;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * An admin-supplied justification pattern, evaluated with RE2/J: matching takes time linear in the
 * input, whatever the pattern, so a pattern such as {@code (.*a){10}} cannot pin a request thread.
 * RE2 syntax has no backreferences and no lookaround; such patterns are rejected when stored.
 */
public final class JustificationPattern {
    private final Pattern pattern;

    private JustificationPattern(Pattern pattern) {
        this.pattern = pattern;
    }

    /** Compiles the pattern, or throws {@code invalid_request} naming what RE2 cannot parse. */
    public static JustificationPattern compile(String expression) {
        try {
            return new JustificationPattern(Pattern.compile(expression));
        } catch (PatternSyntaxException e) {
            throw new PimException(ErrorCode.INVALID_REQUEST,
                    "justificationPattern is not a valid RE2 regular expression: " + e.getDescription());
        }
    }

    /** Whether the whole text matches. */
    public boolean matches(String text) {
        return pattern.matches(text);
    }
}
