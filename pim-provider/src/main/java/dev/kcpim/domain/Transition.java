package dev.kcpim.domain;

import static dev.kcpim.domain.RequestStatus.ACTIVE;
import static dev.kcpim.domain.RequestStatus.APPLIED;
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
    APPROVE_NOW("approve", ACTIVE, AuditAction.APPROVED, Notice.APPROVED, MappingEffect.GRANT, PENDING_APPROVAL),
    /** Last approval arrived and the requested start is later. */
    APPROVE_LATER("approve", SCHEDULED, AuditAction.APPROVED, Notice.APPROVED, MappingEffect.NONE, PENDING_APPROVAL),
    DENY("deny", DENIED, AuditAction.DENIED, Notice.DENIED, MappingEffect.NONE, PENDING_APPROVAL),
    APPROVAL_TIMEOUT("time out", REQUEST_EXPIRED, AuditAction.REQUEST_EXPIRED, Notice.REQUEST_EXPIRED, MappingEffect.NONE, PENDING_APPROVAL),
    START("start", ACTIVE, AuditAction.STARTED, Notice.STARTED, MappingEffect.GRANT, SCHEDULED),
    EXPIRE("expire", EXPIRED, AuditAction.EXPIRED, Notice.ENDED, MappingEffect.REMOVE, ACTIVE),
    DEACTIVATE("deactivate", DEACTIVATED, AuditAction.DEACTIVATED, Notice.ENDED, MappingEffect.REMOVE, ACTIVE),
    CANCEL("cancel", CANCELLED, AuditAction.CANCELLED, Notice.NONE, MappingEffect.NONE, PENDING_APPROVAL, SCHEDULED),
    REVOKE("revoke", REVOKED, AuditAction.REVOKED, Notice.ENDED, MappingEffect.REMOVE, ACTIVE, SCHEDULED),
    /** The last approval of an EXTENSION arrived: it is applied to the request it extends (whose mapping runs on). */
    APPLY_EXTENSION("apply", APPLIED, AuditAction.APPROVED, Notice.APPROVED, MappingEffect.NONE, PENDING_APPROVAL);

    private final String verb;
    private final RequestStatus target;
    private final AuditAction auditAction;
    private final Notice notice;
    private final MappingEffect mappingEffect;
    private final Set<RequestStatus> sources;

    Transition(String verb, RequestStatus target, AuditAction auditAction, Notice notice, MappingEffect mappingEffect,
               RequestStatus first, RequestStatus... rest) {
        this.verb = verb;
        this.target = target;
        this.auditAction = auditAction;
        this.notice = notice;
        this.mappingEffect = mappingEffect;
        this.sources = Collections.unmodifiableSet(EnumSet.of(first, rest));
    }

    /** The audit entry the transition writes (a clean-up writes CLEANED_UP instead, see {@link Cause}). */
    public AuditAction auditAction() {
        return auditAction;
    }

    /** The email it sends. */
    public Notice notice() {
        return notice;
    }

    /** What it does to the role mapping (REMOVE only when the request held the role, see {@link Cause}). */
    public MappingEffect mappingEffect() {
        return mappingEffect;
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
