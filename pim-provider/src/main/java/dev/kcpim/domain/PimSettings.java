package dev.kcpim.domain;

/**
 * A realm's PIM thresholds and reminder times ({@code /pim/settings}): what the alerts count as too many,
 * unused, stale or too frequent, and how long before its end an elevation's holder is reminded.
 *
 * @param elevationEndingReminderMinutes 0: no reminder
 */
public record PimSettings(int tooManyHoldersThreshold,
                          int unusedEligibilityDays,
                          int staleAccountDays,
                          int frequentActivationCount,
                          int frequentActivationWindowHours,
                          int elevationEndingReminderMinutes) {

    public static final PimSettings DEFAULTS = new PimSettings(10, 90, 30, 5, 24, 10);

    public static final int MAX_HOLDERS_THRESHOLD = 100_000;
    public static final int MAX_DAYS = 3650;
    public static final int MAX_ACTIVATION_COUNT = 10_000;
    public static final int MAX_WINDOW_HOURS = 24 * 90;
    public static final int MAX_REMINDER_MINUTES = 24 * 60;

    /** Returns these settings, or throws INVALID_REQUEST naming the first field out of its range. */
    public PimSettings validate() {
        within("tooManyHoldersThreshold", tooManyHoldersThreshold, 1, MAX_HOLDERS_THRESHOLD);
        within("unusedEligibilityDays", unusedEligibilityDays, 1, MAX_DAYS);
        within("staleAccountDays", staleAccountDays, 1, MAX_DAYS);
        within("frequentActivationCount", frequentActivationCount, 1, MAX_ACTIVATION_COUNT);
        within("frequentActivationWindowHours", frequentActivationWindowHours, 1, MAX_WINDOW_HOURS);
        within("elevationEndingReminderMinutes", elevationEndingReminderMinutes, 0, MAX_REMINDER_MINUTES);
        return this;
    }

    private static void within(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new PimException(ErrorCode.INVALID_REQUEST, field + " must be between " + min + " and " + max);
        }
    }
}
