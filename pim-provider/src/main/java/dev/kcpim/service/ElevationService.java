package dev.kcpim.service;

import dev.kcpim.domain.ActivationPlan;
import dev.kcpim.domain.ActivationRequest;
import dev.kcpim.domain.ActivationRules;
import dev.kcpim.domain.AuditAction;
import dev.kcpim.domain.Cause;
import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.MappingEffect;
import dev.kcpim.domain.Notice;
import dev.kcpim.domain.PimException;
import dev.kcpim.domain.Policy;
import dev.kcpim.domain.RequestKind;
import dev.kcpim.domain.RequestStateMachine;
import dev.kcpim.domain.RequestStatus;
import dev.kcpim.domain.Texts;
import dev.kcpim.domain.Transition;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.DecisionEntity;
import dev.kcpim.jpa.entity.RequestEntity;
import dev.kcpim.notify.Notification;
import dev.kcpim.notify.NotificationType;
import dev.kcpim.notify.PimNotifier;
import dev.kcpim.rest.representation.ActivationInput;
import dev.kcpim.rest.representation.AssignmentInput;
import dev.kcpim.rest.representation.RequestRep;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Activation requests and elevations: every status change goes through the state machine, changes
 * the role mapping in the same transaction, and is audited once. The people concerned are notified
 * after the transaction commits ({@link PimNotifier}).
 */
public final class ElevationService {
    private static final Logger LOG = Logger.getLogger(ElevationService.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PimStore store;
    private final PimNotifier notifier;

    public ElevationService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = PimStore.of(session);
        this.notifier = PimNotifier.of(session, NotificationFailureAudit.INSTANCE);
    }

    /**
     * A user's activation. Checks run in the contract's order (input, eligibility and policy,
     * conflicts, OTP) so that an OTP code is consumed only by a request that passed everything else.
     * Every rejection is audited, even though the request's transaction rolls back.
     */
    public RequestRep activate(UserModel user, ActivationInput input, Instant now, AuditLog audit) {
        RoleModel role = null;
        try {
            role = Roles.resolve(session, realm, input.roleId(), input.roleName(), input.clientId());
            Policy policy = new PolicyService(session, realm).effective(role);
            ActivationRequest request = new ActivationRequest(input.durationSeconds(), input.justification(), input.ticket(),
                    input.startsAt() == null ? null : Instant.ofEpochMilli(input.startsAt()));
            ActivationRules.validateInput(policy, request, now);

            RoleModel target = role;
            EligibilityService.UserEligibility eligibility = new EligibilityService(session, realm).eligibleNow(user, now).stream()
                    .filter(e -> e.role().getId().equals(target.getId()))
                    .findFirst()
                    .orElseThrow(() -> new PimException(ErrorCode.NOT_ELIGIBLE, "you are not eligible for this role"));
            ActivationPlan plan = ActivationRules.plan(policy, request, eligibility.window(), now);
            checkNoConflict(user, role);
            if (policy.requireOtp()) {
                OtpStepUp.verify(session, realm, user, input.otp());
            }

            RequestStatus status = policy.requireApproval() ? RequestStatus.PENDING_APPROVAL : plan.initialStatus();
            RequestEntity entity = newRequest(user, role, RequestKind.ACTIVATION, status, plan, now);
            entity.setEligibilityId(eligibility.entity().getId());
            entity.setRequestedBy(user.getId());
            entity.setJustification(Texts.isBlank(input.justification()) ? null : input.justification());
            entity.setTicket(Texts.isBlank(input.ticket()) ? null : input.ticket());
            if (status == RequestStatus.PENDING_APPROVAL) {
                entity.setApprovalDeadline(ActivationRules.approvalDeadline(policy, now).toEpochMilli());
            }
            entity.setMappingAdded(status == RequestStatus.ACTIVE);
            insert(entity);
            if (status == RequestStatus.ACTIVE) {
                RoleMappings.grant(session, user, role);
            }
            AuditAction action = switch (status) {
                case ACTIVE -> AuditAction.ACTIVATED;
                case SCHEDULED -> AuditAction.SCHEDULED;
                default -> AuditAction.ACTIVATION_REQUESTED;
            };
            audit.record(requestEntry(action, entity)
                    .detail("durationSeconds", entity.getDurationSeconds())
                    .detail("justification", entity.getJustification())
                    .detail("ticket", entity.getTicket())
                    .detail("otpVerified", policy.requireOtp()));
            if (status == RequestStatus.PENDING_APPROVAL) {
                notify(NotificationType.APPROVAL_REQUESTED, entity, null);
            } else if (status == RequestStatus.ACTIVE) {
                notify(NotificationType.STARTED, entity, null);
            }
            return rep(entity);
        } catch (PimException e) {
            audit.recordRejection(AuditLog.entry(AuditAction.ACTIVATION_REJECTED)
                    .user(user.getId()).role(role == null ? null : role.getId())
                    .detail("error", e.errorCode().code()).detail("description", e.description()), e.errorCode().code());
            LOG.warnf("PIM activation rejected in realm %s for user %s, role %s: %s (%s)", realm.getName(), user.getId(),
                    role == null ? "?" : role.getId(), e.errorCode().code(), e.description());
            throw e;
        }
    }

    /** A time-bound assignment made by an admin: ACTIVE (mapping granted now) or SCHEDULED. */
    public RequestRep assign(AssignmentInput input, Instant now, AuditLog audit, GrantAuthorization authorization) {
        UserModel user = Principals.user(session, realm, input.userId(), input.username());
        RoleModel role = Roles.resolve(session, realm, input.roleId(), input.roleName(), input.clientId());
        authorization.requireGrantToUser(user, role);
        String justification = Texts.requireText(input.justification(), "justification", Policy.MAX_JUSTIFICATION_LENGTH, false);
        ActivationPlan plan = ActivationRules.planAssignment(
                input.startsAt() == null ? null : Instant.ofEpochMilli(input.startsAt()),
                input.endsAt() == null ? null : Instant.ofEpochMilli(input.endsAt()), now);
        if (user.getServiceAccountClientLink() != null) {
            throw new PimException(ErrorCode.INVALID_REQUEST, "service accounts cannot be given PIM assignments");
        }
        checkNoConflict(user, role);

        RequestEntity entity = newRequest(user, role, RequestKind.ASSIGNMENT, plan.initialStatus(), plan, now);
        entity.setRequestedBy(audit.actor().id());
        entity.setJustification(justification);
        entity.setMappingAdded(entity.getStatus() == RequestStatus.ACTIVE);
        ManagedRoles.ensure(session, realm, role.getId());
        insert(entity);
        if (entity.getStatus() == RequestStatus.ACTIVE) {
            RoleMappings.grant(session, user, role);
        }
        audit.record(requestEntry(AuditAction.ASSIGNMENT_CREATED, entity)
                .detail("status", entity.getStatus().name())
                .detail("startsAt", entity.getStartsAt()).detail("endsAt", entity.getEndsAt())
                .detail("justification", justification));
        if (entity.getStatus() == RequestStatus.ACTIVE) {
            notify(NotificationType.STARTED, entity, null);
        }
        return rep(entity);
    }

    public RequestRep deactivate(UserModel user, String requestId, Instant now, AuditLog audit) {
        RequestEntity entity = ownRequest(user, requestId);
        apply(entity, Transition.DEACTIVATE, Cause.of("deactivated by the user"), null, now, audit);
        return rep(entity);
    }

    public RequestRep cancel(UserModel user, String requestId, Instant now, AuditLog audit) {
        RequestEntity entity = ownRequest(user, requestId);
        apply(entity, Transition.CANCEL, Cause.of("cancelled by the user"), null, now, audit);
        return rep(entity);
    }

    public RequestRep revoke(String requestId, String reason, Instant now, AuditLog audit, GrantAuthorization authorization) {
        RequestEntity entity = store.request(realm.getId(), requestId == null ? "" : requestId)
                .orElseThrow(() -> new PimException(ErrorCode.NOT_FOUND, "request not found"));
        UserModel user = session.users().getUserById(realm, entity.getUserId());
        RoleModel role = Roles.find(session, realm, entity.getRoleId());
        if (user != null && role != null) {
            authorization.requireGrantToUser(user, role);
        }
        String checkedReason = Texts.requireText(reason, "reason", Policy.MAX_JUSTIFICATION_LENGTH, false);
        String endReason = "revoked by " + audit.actor().username() + (checkedReason == null ? "" : ": " + checkedReason);
        apply(entity, Transition.REVOKE, Cause.of(endReason), null, now, audit);
        return rep(entity);
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
            claimed = store.claimApproval(entity, to, plan.startsAt().toEpochMilli(), plan.endsAt().toEpochMilli(), plan.durationSeconds(), grant);
        } else if (to.isOpen()) {
            claimed = store.claim(entity, from, to, entity.getOpenKey(), null, null, grant);
        } else {
            claimed = store.claim(entity, from, to, null, now.toEpochMilli(), cause.reason(), false);
        }
        if (!claimed) {
            throw new PimException(ErrorCode.CONFLICT, "the request was changed meanwhile");
        }
        if (grant) {
            RoleMappings.grant(session, user, role);
        }
        boolean mappingRemoved = hadMapping && cause.removesMapping(transition) && user != null && role != null
                && RoleMappings.remove(session, user, role);

        AuditLog.Entry entry = requestEntry(cause.auditAction(transition), entity);
        if (plan != null) {
            entry.detail("status", to.name()).detail("startsAt", entity.getStartsAt()).detail("endsAt", entity.getEndsAt())
                    .detail("durationSeconds", entity.getDurationSeconds()).detail("mappingAdded", to == RequestStatus.ACTIVE ? grant : null);
        } else if (to.isOpen()) {
            entry.detail("mappingAdded", grant).detail("endsAt", entity.getEndsAt());
        } else {
            entry.detail("from", from.name()).detail("reason", cause.reason()).detail("mappingRemoved", from.holdsRole() ? mappingRemoved : null);
        }
        audit.record(entry);
        if (transition.notice() != Notice.NONE) {
            notify(NotificationType.valueOf(transition.notice().name()), entity, to.isOpen() ? null : cause.reason());
        }
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

    public List<RequestRep> search(String userId, String roleId, RequestStatus status, int first, int max) {
        return reps(store.searchRequests(realm.getId(), userId, roleId, status, first, max));
    }

    public List<RequestRep> reps(List<RequestEntity> requests) {
        Map<String, List<DecisionEntity>> decisions = store.decisionsOf(realm.getId(), requests.stream().map(RequestEntity::getId).toList());
        return requests.stream().map(r -> Representations.request(session, realm, r, decisions.get(r.getId()))).toList();
    }

    public RequestRep rep(RequestEntity request) {
        return reps(List.of(request)).get(0);
    }

    /** The user's own request; another user's request is "not found". */
    public RequestEntity ownRequest(UserModel user, String requestId) {
        return store.request(realm.getId(), requestId == null ? "" : requestId)
                .filter(r -> r.getUserId().equals(user.getId()))
                .orElseThrow(() -> new PimException(ErrorCode.NOT_FOUND, "request not found"));
    }

    private void checkNoConflict(UserModel user, RoleModel role) {
        if (store.openRequest(user.getId(), role.getId()).isPresent()) {
            throw new PimException(ErrorCode.CONFLICT, "there is already an open request for this role");
        }
        if (user.hasDirectRole(role)) {
            throw new PimException(ErrorCode.ALREADY_ASSIGNED, "you already hold this role outside PIM");
        }
    }

    private RequestEntity newRequest(UserModel user, RoleModel role, RequestKind kind, RequestStatus status, ActivationPlan plan, Instant now) {
        RequestEntity entity = new RequestEntity();
        entity.setId(KeycloakModelUtils.generateId());
        entity.setRealmId(realm.getId());
        entity.setUserId(user.getId());
        entity.setUsername(user.getUsername());
        entity.setRoleId(role.getId());
        entity.setRoleName(role.getName());
        entity.setRoleClientId(role.getContainer() instanceof ClientModel client ? client.getClientId() : null);
        entity.setKind(kind);
        entity.setStatus(status);
        entity.setOpenKey(PimStore.openKey(user.getId(), role.getId()));
        entity.setRequestedAt(now.toEpochMilli());
        entity.setStartsAt(plan.startsAt().toEpochMilli());
        entity.setEndsAt(plan.endsAt().toEpochMilli());
        entity.setDurationSeconds(plan.durationSeconds());
        return entity;
    }

    /** Inserts now: a concurrent open request for the same user and role fails here on the unique key. */
    private void insert(RequestEntity entity) {
        try {
            store.persist(entity);
            store.flush();
        } catch (PersistenceException | ModelException e) {
            LOG.debugf(e, "open request insert refused for %s", entity.getOpenKey());
            throw new PimException(ErrorCode.CONFLICT, "there is already an open request for this role");
        }
    }

    /** Queues an email about the change; sent after the commit, and never failing the change. */
    private void notify(NotificationType type, RequestEntity entity, String reason) {
        try {
            List<DecisionEntity> decisions = type == NotificationType.APPROVED || type == NotificationType.DENIED
                    ? store.decisionsOf(realm.getId(), List.of(entity.getId())).get(entity.getId())
                    : null;
            notifier.notify(Notification.of(type, entity, reason, decisions, recipients(type, entity)));
        } catch (RuntimeException e) {
            LOG.warnf(e, "PIM notification %s for request %s dropped", type, entity.getId());
        }
    }

    /** Who is told: the approvers for a request waiting for them; the requester (or elevated user) for everything else. */
    private List<String> recipients(NotificationType type, RequestEntity entity) {
        if (type == NotificationType.APPROVAL_REQUESTED) {
            RoleModel role = Roles.find(session, realm, entity.getRoleId());
            if (role == null) {
                return List.of();
            }
            Policy policy = new PolicyService(session, realm).effective(role);
            return new ApprovalService(session, realm).approversToNotify(policy, entity.getUserId()).stream().map(UserModel::getId).toList();
        }
        return List.of(entity.getUserId());
    }

    private static AuditLog.Entry requestEntry(AuditAction action, RequestEntity entity) {
        return AuditLog.entry(action).user(entity.getUserId()).role(entity.getRoleId()).request(entity.getId())
                .detail("kind", entity.getKind().name());
    }
}
