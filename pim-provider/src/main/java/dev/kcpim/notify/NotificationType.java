package dev.kcpim.notify;

/**
 * The emails PIM sends: the subject key of the message bundle, the template (under {@code html/} and
 * {@code text/} of the email theme) and the account console page the email links to.
 */
public enum NotificationType {
    /** To the approvers, when a request waits for them. */
    APPROVAL_REQUESTED("pimApprovalRequestedSubject", "pim-approval-requested.ftl", "pim/approvals"),
    /** To the requester, when the last approval arrived (the elevation is active or scheduled). */
    APPROVED("pimApprovedSubject", "pim-approved.ftl", "pim/requests"),
    /** To the requester, when an approver denied the request. */
    DENIED("pimDeniedSubject", "pim-denied.ftl", "pim/requests"),
    /** To the requester, when no decision came before the approval timeout. */
    REQUEST_EXPIRED("pimRequestExpiredSubject", "pim-request-expired.ftl", "pim/requests"),
    /** To the user, when an elevation starts (activation without approval, scheduled start, admin assignment). */
    STARTED("pimStartedSubject", "pim-elevation-started.ftl", "pim/requests"),
    /** To the user, when an elevation ends (expiry, deactivation, revocation). */
    ENDED("pimEndedSubject", "pim-elevation-ended.ftl", "pim/requests"),
    /** To the user, the realm's set time before their ACTIVE elevation ends (once per end; again after an extension). */
    ELEVATION_ENDING("pimElevationEndingSubject", "pim-elevation-ending.ftl", "pim/roles"),
    /** To the user, 14 days and 1 day before their eligibility ends (each once per end). */
    ELIGIBILITY_ENDING("pimEligibilityEndingSubject", "pim-eligibility-ending.ftl", "pim/roles"),
    /** To the realm's admins (manage-realm), once per item: a user was found holding a PIM-managed role outside PIM. */
    STANDING_ACCESS_FOUND("pimStandingAccessSubject", "pim-standing-access.ftl", null);

    private final String subjectKey;
    private final String template;
    private final String accountPage;

    NotificationType(String subjectKey, String template, String accountPage) {
        this.subjectKey = subjectKey;
        this.template = template;
        this.accountPage = accountPage;
    }

    public String subjectKey() {
        return subjectKey;
    }

    public String template() {
        return template;
    }

    /** The route of the account console page, below {@code /realms/{realm}/account/}; null for the emails to admins, which link to the admin console's Alerts page. */
    public String accountPage() {
        return accountPage;
    }
}
