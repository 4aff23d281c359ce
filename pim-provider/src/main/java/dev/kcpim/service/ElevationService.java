package dev.kcpim.service;

import dev.kcpim.domain.ActivationPlan;
import dev.kcpim.domain.AuditAction;
import dev.kcpim.domain.BasisLoss;
import dev.kcpim.domain.Cause;
import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.MappingEffect;
import dev.kcpim.domain.Notice;
import dev.kcpim.domain.PimException;
import dev.kcpim.domain.Policy;
import dev.kcpim.domain.RequestStateMachine;
import dev.kcpim.domain.RequestStatus;
import dev.kcpim.domain.Texts;
import dev.kcpim.domain.Transition;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.RequestEntity;
import dev.kcpim.notify.NotificationType;
import dev.kcpim.notify.PimNotifier;
import java.time.Instant;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Activation requests and elevations: every status change goes through the state machine, changes
 * the role mapping in the same transaction, and is audited once. The people concerned are notified
 * after the transaction commits ({@link PimNotifier}).
 */
public final class ElevationService {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PimStore store;
    private final RequestNotices notices;

    public ElevationService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = PimStore.of(session);
        this.notices = new RequestNotices(session, realm);
    }

    public RequestView deactivate(UserModel user, String requestId, Instant now, AuditLog audit) {
        RequestEntity entity = ownRequest(user, requestId);
        apply(entity, Transition.DEACTIVATE, Cause.of("deactivated by the user"), null, now, audit);
        cancelPendingExtensionOf(entity, now, audit);
        return view(entity);
    }

    public RequestView cancel(UserModel user, String requestId, Instant now, AuditLog audit) {
        RequestEntity entity = ownRequest(user, requestId);
        apply(entity, Transition.CANCEL, Cause.of("cancelled by the user"), null, now, audit);
        return view(entity);
    }

    public RequestView revoke(String requestId, String reason, Instant now, AuditLog audit, GrantAuthorization authorization) {
        RequestEntity entity = store.requests().request(realm.getId(), requestId == null ? "" : requestId)
                .orElseThrow(() -> new PimException(ErrorCode.NOT_FOUND, "request not found"));
        UserModel user = session.users().getUserById(realm, entity.getUserId());
        RoleModel role = Roles.find(session, realm, entity.getRoleId());
        if (user != null && role != null) {
            authorization.requireGrantToUser(user, role);
        }
        String checkedReason = Texts.requireText(reason, "reason", Policy.MAX_JUSTIFICATION_LENGTH, false);
        String endReason = "revoked by " + audit.actor().username() + (checkedReason == null ? "" : ": " + checkedReason);
        apply(entity, Transition.REVOKE, Cause.of(endReason), null, now, audit);
        cancelPendingExtensionOf(entity, now, audit);
        return view(entity);
    }

    /**
     * The one transition path, for users, admins, approvers, the expiry task and the listeners. The
     * state machine says the target status; the transition says the audit action, the email and the
     * mapping effect (GRANT: the mapping added unless the user holds the role directly, then PIM
     * leaves it alone; REMOVE: the mapping PIM added removed, unless the cause says it is gone). The
     * request is claimed with a conditional update, so a request another actor (user, admin, task,
     * another node) changed meanwhile is a conflict and every transition happens exactly once.
     *
     * @param plan the window planned at approval (APPROVE_NOW, APPROVE_LATER); null otherwise
     */
    public void apply(RequestEntity entity, Transition transition, Cause cause, ActivationPlan plan, Instant now, AuditLog audit) {
        RequestStatus from = entity.getStatus();
        RequestStatus to = RequestStateMachine.next(from, transition);
        boolean hadMapping = from.holdsRole() && entity.isMappingAdded();
        UserModel user = session.users().getUserById(realm, entity.getUserId());
        RoleModel role = Roles.find(session, realm, entity.getRoleId());
        boolean grant = false;
        if (transition.mappingEffect() == MappingEffect.GRANT) {
            if (user == null || role == null) {
                throw new PimException(ErrorCode.NOT_FOUND, "the user or the role no longer exists");
            }
            grant = !user.hasDirectRole(role);
        }
        boolean claimed;
        if (plan != null) {
            claimed = store.requests().claimApproval(entity, to, plan.startsAt().toEpochMilli(), plan.endsAt().toEpochMilli(), plan.durationSeconds(), grant);
        } else if (to.isOpen()) {
            claimed = store.requests().claim(entity, from, to, entity.getOpenKey(), null, null, grant);
        } else {
            claimed = store.requests().claim(entity, from, to, null, now.toEpochMilli(), cause.reason(), false);
        }
        if (!claimed) {
            throw new PimException(ErrorCode.CONFLICT, "the request was changed meanwhile");
        }
        ElevationCache.invalidate(session, realm, user);
        if (grant) {
            RoleMappings.grant(session, user, role);
        }
        boolean mappingRemoved = hadMapping && cause.removesMapping(transition) && user != null && role != null
                && RoleMappings.remove(session, user, role);
        int tokensRevoked = from == RequestStatus.ACTIVE && !to.isOpen() && transition != Transition.EXPIRE
                ? ElevationTokens.revokeAll(session, entity, now.toEpochMilli()) : 0;

        AuditLog.Entry entry = requestEntry(cause.auditAction(transition), entity);
        if (plan != null) {
            entry.detail("status", to.name()).detail("startsAt", entity.getStartsAt()).detail("endsAt", entity.getEndsAt())
                    .detail("durationSeconds", entity.getDurationSeconds()).detail("mappingAdded", to == RequestStatus.ACTIVE ? grant : null);
        } else if (to.isOpen()) {
            entry.detail("mappingAdded", grant).detail("endsAt", entity.getEndsAt());
        } else {
            entry.detail("from", from.name()).detail("reason", cause.reason()).detail("mappingRemoved", from.holdsRole() ? mappingRemoved : null)
                    .detail("tokensRevoked", from == RequestStatus.ACTIVE && transition != Transition.EXPIRE ? tokensRevoked : null);
        }
        audit.record(entry);
        if (transition.notice() != Notice.NONE) {
            notices.send(NotificationType.valueOf(transition.notice().name()), entity, to.isOpen() ? null : cause.reason());
        }
    }

    /**
     * Cancels the EXTENSION waiting for approval of an elevation that an actor just ended, if there is one. Ends
     * without an actor (expiry, basis loss) leave it to the basis checks, which cancel an extension whose elevation
     * is no longer ACTIVE, so that the expiry task's batches need no extra read per request.
     */
    private void cancelPendingExtensionOf(RequestEntity original, Instant now, AuditLog audit) {
        store.requests().openRequestByKey(PimStore.extensionKey(original.getId())).ifPresent(extension ->
                apply(extension, Transition.CANCEL, Cause.of(BasisLoss.EXTENDED_ENDED.reason()), null, now, audit));
    }

    /** Applies the last approval a request needed: ACTIVE now, or SCHEDULED when the planned window starts later. */
    public void approve(RequestEntity entity, ActivationPlan plan, Instant now, AuditLog audit) {
        apply(entity, plan.scheduled() ? Transition.APPROVE_LATER : Transition.APPROVE_NOW, Cause.of(null), plan, now, audit);
    }

    /**
     * Starts a scheduled request whose start has come. Returns false when another actor changed it
     * first; a request whose user or role no longer exists is revoked instead.
     */
    public boolean start(RequestEntity entity, Instant now, AuditLog audit) {
        UserModel user = session.users().getUserById(realm, entity.getUserId());
        RoleModel role = Roles.find(session, realm, entity.getRoleId());
        try {
            if (user == null || role == null) {
                apply(entity, Transition.REVOKE, Cause.of("the user or the role no longer exists"), null, now, audit);
                return false;
            }
            apply(entity, Transition.START, Cause.of(null), null, now, audit);
            return true;
        } catch (PimException changedMeanwhile) {
            return false;
        }
    }

    public List<RequestView> search(String userId, String roleId, RequestStatus status, int first, int max) {
        return RequestView.of(session, realm, store.requests().searchRequests(realm.getId(), userId, roleId, status, first, max));
    }

    /** A request of this realm; any other id is "not found". */
    public RequestView get(String requestId) {
        return view(store.requests().request(realm.getId(), requestId == null ? "" : requestId)
                .orElseThrow(() -> new PimException(ErrorCode.NOT_FOUND, "request not found")));
    }

    public RequestView view(RequestEntity request) {
        return RequestView.of(session, realm, request);
    }

    /** The user's own request, as a view; another user's request is "not found". */
    public RequestView own(UserModel user, String requestId) {
        return view(ownRequest(user, requestId));
    }

    /** The user's own request; another user's request is "not found". */
    public RequestEntity ownRequest(UserModel user, String requestId) {
        return store.requests().request(realm.getId(), requestId == null ? "" : requestId)
                .filter(r -> r.getUserId().equals(user.getId()))
                .orElseThrow(() -> new PimException(ErrorCode.NOT_FOUND, "request not found"));
    }

    static AuditLog.Entry requestEntry(AuditAction action, RequestEntity entity) {
        return AuditLog.entry(action).user(entity.getUserId()).role(entity.getRoleId()).request(entity.getId())
                .detail("kind", entity.getKind().name());
    }
}
