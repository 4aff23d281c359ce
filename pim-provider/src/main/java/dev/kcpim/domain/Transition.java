package dev.kcpim.domain;

import static dev.kcpim.domain.RequestStatus.ACTIVE;
import static dev.kcpim.domain.RequestStatus.CANCELLED;
import static dev.kcpim.domain.RequestStatus.DEACTIVATED;
import static dev.kcpim.domain.RequestStatus.DENIED;
import static dev.kcpim.domain.RequestStatus.EXPIRED;
import static dev.kcpim.domain.RequestStatus.PENDING_APPROVAL;
import static dev.kcpim.domain.RequestStatus.REQUEST_EXPIRED;
import static dev.kcpim.domain.RequestStatus.REVOKED;
import static dev.kcpim.domain.RequestStatus.SCHEDULED;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

public enum Transition {
    /** Last approval arrived and the window starts now. */
    APPROVE_NOW("approve", ACTIVE, PENDING_APPROVAL),
    /** Last approval arrived and the requested start is later. */
    APPROVE_LATER("approve", SCHEDULED, PENDING_APPROVAL),
    DENY("deny", DENIED, PENDING_APPROVAL),
    APPROVAL_TIMEOUT("time out", REQUEST_EXPIRED, PENDING_APPROVAL),
    START("start", ACTIVE, SCHEDULED),
    EXPIRE("expire", EXPIRED, ACTIVE),
    DEACTIVATE("deactivate", DEACTIVATED, ACTIVE),
    CANCEL("cancel", CANCELLED, PENDING_APPROVAL, SCHEDULED),
    REVOKE("revoke", REVOKED, ACTIVE, SCHEDULED);

    private final String verb;
    private final RequestStatus target;
    private final Set<RequestStatus> sources;

    Transition(String verb, RequestStatus target, RequestStatus first, RequestStatus... rest) {
        this.verb = verb;
        this.target = target;
        this.sources = Collections.unmodifiableSet(EnumSet.of(first, rest));
    }

    /** Used in error texts: "cannot {verb} a request that is {status}". */
    public String verb() {
        return verb;
    }

    public RequestStatus target() {
        return target;
    }

    public Set<RequestStatus> sources() {
        return sources;
    }
}
