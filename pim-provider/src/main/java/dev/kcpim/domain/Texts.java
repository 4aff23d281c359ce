package dev.kcpim.domain;

/** Checks for free text (reasons, justifications, tickets). Text is stored as given, never trimmed. */
public final class Texts {

    private Texts() {
    }

    /**
     * Returns {@code value} unchanged, or null when it is null or blank and not required.
     *
     * @throws PimException INVALID_REQUEST naming {@code field} when it is longer than {@code maxLength}
     *                      (UTF-16 units, as {@link String#length()}), required but blank, or contains
     *                      control characters other than line breaks and tabs
     */
    public static String requireText(String value, String field, int maxLength, boolean required) {
        if (value != null && value.length() > maxLength) {
            throw invalid(field + " must be at most " + maxLength + " characters");
        }
        if (isBlank(value)) {
            if (required) {
                throw invalid(field + " is required");
            }
            return null;
        }
        if (containsControlCharacters(value, true)) {
            throw invalid(field + " must not contain control characters");
        }
        return value;
    }

    public static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** ISO control characters (U+0000..U+001F, U+007F..U+009F); {@code \n \r \t} pass when allowed. */
    public static boolean containsControlCharacters(String value, boolean allowLineBreaksAndTabs) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)
                    && !(allowLineBreaksAndTabs && (c == '\n' || c == '\r' || c == '\t'))) {
                return true;
            }
        }
        return false;
    }

    private static PimException invalid(String description) {
        return new PimException(ErrorCode.INVALID_REQUEST, description);
    }
}
