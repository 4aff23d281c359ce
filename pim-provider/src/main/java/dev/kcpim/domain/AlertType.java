package dev.kcpim.domain;

/** The alerts PIM raises about a realm (after Entra PIM's list), each with its severity and what it means under the realm's settings. */
public enum AlertType {
    /** A PIM-managed role held outside PIM: directly, through a group or through a composite role. */
    STANDING_ACCESS(Severity.HIGH, "Roles held outside PIM"),
    /** A managed role whose policy does not require OTP. */
    ROLE_WITHOUT_OTP(Severity.LOW, "Roles activated without OTP"),
    /** More eligible and active holders of a role than the threshold. */
    TOO_MANY_HOLDERS(Severity.LOW, "Too many holders of a role"),
    /** An eligibility not activated for the set number of days. */
    UNUSED_ELIGIBILITY(Severity.LOW, "Eligibilities not used"),
    /** An eligible or active user who has not signed in for the set number of days. */
    STALE_ACCOUNT(Severity.MEDIUM, "Eligible accounts not in use"),
    /** A user who activated a role more often than the set count within the set window. */
    FREQUENT_ACTIVATION(Severity.LOW, "Roles activated too often");

    public enum Severity {
        HIGH, MEDIUM, LOW
    }

    private final Severity severity;
    private final String title;

    AlertType(Severity severity, String title) {
        this.severity = severity;
        this.title = title;
    }

    public Severity severity() {
        return severity;
    }

    public String title() {
        return title;
    }

    /** What the alert means, with the thresholds it was evaluated with. */
    public String description(PimSettings settings) {
        return switch (this) {
            case STANDING_ACCESS -> "These users hold a role that PIM manages permanently, outside PIM (a direct role mapping, a group's"
                    + " role mapping or a composite role), so it never ends and needs no activation. Turn a direct grant into a permanent"
                    + " eligibility, or remove the group's or composite's mapping.";
            case ROLE_WITHOUT_OTP -> "The policy of these managed roles lets users activate them without a one-time code.";
            case TOO_MANY_HOLDERS -> "These roles have more than " + settings.tooManyHoldersThreshold()
                    + " eligible or active holders; fewer holders mean a smaller attack surface.";
            case UNUSED_ELIGIBILITY -> "These eligibilities have not been activated for " + settings.unusedEligibilityDays()
                    + " days; an eligibility nobody uses can go.";
            case STALE_ACCOUNT -> "These eligible or active users have not signed in for " + settings.staleAccountDays()
                    + " days; an unused account with privileged access is a target.";
            case FREQUENT_ACTIVATION -> "These users activated a role more than " + settings.frequentActivationCount() + " times within "
                    + settings.frequentActivationWindowHours() + " hours; a longer window or a standing need may be the reason.";
        };
    }

    public static AlertType parse(String value) {
        return Enums.parse(AlertType.class, value, "type");
    }
}
