package dev.kcpim.domain;

public enum RequestStatus {
    PENDING_APPROVAL,
    SCHEDULED,
    ACTIVE,
    EXPIRED,
    /** Ended by the user. */
    DEACTIVATED,
    /** Ended by an admin, or the role mapping was removed outside PIM. */
    REVOKED,
    DENIED,
    CANCELLED,
    /** Approval timed out. */
    REQUEST_EXPIRED,
    /** An EXTENSION that was approved: the end of the request it extends moved. */
    APPLIED;

    /** At most one open request per user and role. */
    public boolean isOpen() {
        return this == PENDING_APPROVAL || this == SCHEDULED || this == ACTIVE;
    }

    /** Whether the user holds the role mapping because of this request. */
    public boolean holdsRole() {
        return this == ACTIVE;
    }

    public static RequestStatus parse(String value) {
        return Enums.parse(RequestStatus.class, value, "status");
    }
}
