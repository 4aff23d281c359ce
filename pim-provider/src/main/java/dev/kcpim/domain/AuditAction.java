package dev.kcpim.domain;

public enum AuditAction {
    POLICY_UPDATED,
    POLICY_DELETED,
    ELIGIBILITY_CREATED,
    ELIGIBILITY_DELETED,
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
    CLEANED_UP;

    public static AuditAction parse(String value) {
        return Enums.parse(AuditAction.class, value, "action");
    }
}
