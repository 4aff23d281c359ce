package dev.kcpim.domain;

public enum AuditAction {
    POLICY_UPDATED,
    POLICY_DELETED,
    ELIGIBILITY_CREATED,
    ELIGIBILITY_DELETED,
    /** An admin changed the end of an eligibility (PATCH). */
    ELIGIBILITY_UPDATED,
    /** A running or scheduled elevation was cut at the new, earlier end of its eligibility. */
    ELEVATION_SHORTENED,
    /** The eligibility an open request came from stopped covering the user; another current one does, and the request now rests on it. */
    BASIS_CHANGED,
    ASSIGNMENT_CREATED,
    ACTIVATION_REQUESTED,
    ACTIVATION_REJECTED,
    APPROVAL_DECIDED,
    ACTIVATED,
    SCHEDULED,
    STARTED,
    DENIED,
    CANCELLED,
    DEACTIVATED,
    REVOKED,
    EXPIRED,
    REQUEST_EXPIRED,
    OTP_FAILED,
    MAPPING_REMOVED_OUTSIDE_PIM,
    STANDING_ACCESS_GRANTED,
    CLEANED_UP,
    /** The last approval needed arrived: the request became ACTIVE or SCHEDULED. */
    APPROVED,
    /** An approver's decision was refused (not an approver, own request, already decided, wrong OTP, ...). */
    DECISION_REJECTED,
    /** An email notification could not be sent; the change it was about stands. */
    NOTIFICATION_FAILED,
    /** The user moved the end of their ACTIVE elevation later (details: previousEndsAt, endsAt). */
    EXTENDED,
    /** The user asked to extend their ACTIVE elevation and the policy requires approval: a request of kind EXTENSION waits. */
    EXTENSION_REQUESTED,
    /** An extension was refused (not ACTIVE, not allowed by the policy, duration, eligibility, OTP, ...). */
    EXTENSION_REJECTED,
    /** An admin changed the realm's PIM settings (details: each field that changed, before -> after). */
    SETTINGS_UPDATED,
    /** An admin turned a direct standing grant of a managed role into an eligibility: the mapping was removed (details: eligibilityId, eligibilityCreated). */
    STANDING_ACCESS_REMEDIATED,
    /** A user asked to renew their eligibility (details: renewalId, eligibilityEndsAt, justification). */
    RENEWAL_REQUESTED,
    /** A renewal was refused (not the user's, permanent, outside the renewal window, one already waits, ...). */
    RENEWAL_REJECTED,
    /** An admin approved (the eligibility's new end or re-created eligibility follows as ELIGIBILITY_UPDATED/CREATED) or denied a renewal. */
    RENEWAL_DECIDED;

    public static AuditAction parse(String value) {
        return Enums.parse(AuditAction.class, value, "action");
    }
}
