package dev.kcpim.domain;

/**
 * Why an open request lost what it stood on. An elevation lasts only while its basis lasts: the
 * user exists and is enabled, and (for an activation) a current eligibility covers the user and
 * the role.
 */
public enum BasisLoss {
    USER_DELETED("the user was deleted"),
    USER_DISABLED("the user was disabled"),
    ELIGIBILITY_REMOVED("the eligibility was removed"),
    ELIGIBILITY_ENDED("the eligibility ended"),
    GROUP_LEFT("the user is no longer a member of the group that made them eligible"),
    EXTENDED_ENDED("the elevation it would extend has ended");

    private final String reason;

    BasisLoss(String reason) {
        this.reason = reason;
    }

    /** The request's {@code endReason}. */
    public String reason() {
        return reason;
    }

    /**
     * What ends a request whose basis is gone: a pending one was never approved and is cancelled;
     * a scheduled or active one is revoked.
     */
    public static Transition endingFor(RequestStatus status) {
        return status == RequestStatus.PENDING_APPROVAL ? Transition.CANCEL : Transition.REVOKE;
    }
}
