package dev.kcpim.service;

import dev.kcpim.domain.ActivationPlan;
import dev.kcpim.domain.ActivationRequest;
import dev.kcpim.domain.ActivationRules;
import dev.kcpim.domain.AuditAction;
import dev.kcpim.domain.ErrorCode;
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
        this.notifier = PimNotifier.of(session);
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
        end(entity, Transition.DEACTIVATE, "deactivated by the user", AuditAction.DEACTIVATED, now, audit);
        return rep(entity);
    }

    public RequestRep cancel(UserModel user, String requestId, Instant now, AuditLog audit) {
        RequestEntity entity = ownRequest(user, requestId);
        end(entity, Transition.CANCEL, "cancelled by the user", AuditAction.CANCELLED, now, audit);
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
        end(entity, Transition.REVOKE, endReason, AuditAction.REVOKED, now, audit);
        return rep(entity);
    }

    /**
     * Ends a request through the state machine: status, end time and reason set, the open slot freed,
     * and the role mapping removed when PIM added it. A request that another actor (user, admin,
     * expiry task, another node) changed meanwhile is a conflict, so every end happens exactly once.
     */
    public void end(RequestEntity entity, Transition transition, String reason, AuditAction action, Instant now, AuditLog audit) {
        RequestStatus from = entity.getStatus();
        RequestStatus to = RequestStateMachine.next(from, transition);
        boolean removeMapping = from.holdsRole() && entity.isMappingAdded();
        if (!store.claim(entity, from, to, null, now.toEpochMilli(), reason, false)) {
            throw new PimException(ErrorCode.CONFLICT, "the request was changed meanwhile");
        }
        boolean mappingRemoved = false;
        if (removeMapping) {
            UserModel user = session.users().getUserById(realm, entity.getUserId());
            RoleModel role = Roles.find(session, realm, entity.getRoleId());
            if (user != null && role != null) {
                mappingRemoved = RoleMappings.remove(session, user, role);
            }
        }
        audit.record(requestEntry(action, entity).detail("from", from.name()).detail("reason", reason)
                .detail("mappingRemoved", from.holdsRole() ? mappingRemoved : null));
        NotificationType notification = switch (transition) {
            case DENY -> NotificationType.DENIED;
            case APPROVAL_TIMEOUT -> NotificationType.REQUEST_EXPIRED;
            case EXPIRE, DEACTIVATE, REVOKE -> NotificationType.ENDED;
            default -> null;
        };
        if (notification != null) {
            notify(notification, entity, reason);
        }
    }

    /**
     * Applies the last approval a request needed: ACTIVE with the mapping granted now (unless the user
     * meanwhile holds the role directly, which PIM then leaves alone), or SCHEDULED when the window
     * starts later. A request that another actor changed meanwhile is a conflict.
     */
    public void approve(RequestEntity entity, ActivationPlan plan, AuditLog audit) {
        UserModel user = session.users().getUserById(realm, entity.getUserId());
        RoleModel role = Roles.find(session, realm, entity.getRoleId());
        if (user == null || role == null) {
            throw new PimException(ErrorCode.NOT_FOUND, "the user or the role no longer exists");
        }
        RequestStatus to = RequestStateMachine.next(entity.getStatus(),
                plan.scheduled() ? Transition.APPROVE_LATER : Transition.APPROVE_NOW);
        boolean grant = to == RequestStatus.ACTIVE && !user.hasDirectRole(role);
        if (!store.claimApproval(entity, to, plan.startsAt().toEpochMilli(), plan.endsAt().toEpochMilli(), plan.durationSeconds(), grant)) {
            throw new PimException(ErrorCode.CONFLICT, "the request was changed meanwhile");
        }
        if (grant) {
            RoleMappings.grant(session, user, role);
        }
        audit.record(requestEntry(AuditAction.APPROVED, entity).detail("status", to.name())
                .detail("startsAt", entity.getStartsAt()).detail("endsAt", entity.getEndsAt())
                .detail("durationSeconds", entity.getDurationSeconds())
                .detail("mappingAdded", to == RequestStatus.ACTIVE ? grant : null));
        notify(NotificationType.APPROVED, entity, null);
    }

    /**
     * Starts a scheduled request whose start has come: ACTIVE, and the mapping granted unless the user
     * meanwhile holds the role directly (then PIM leaves that mapping alone at the end too).
     * Returns false when another actor changed the request first.
     */
    public boolean start(RequestEntity entity, AuditLog audit) {
        UserModel user = session.users().getUserById(realm, entity.getUserId());
        RoleModel role = Roles.find(session, realm, entity.getRoleId());
        if (user == null || role == null) {
            end(entity, Transition.REVOKE, "the user or the role no longer exists", AuditAction.REVOKED,
                    Instant.ofEpochMilli(org.keycloak.common.util.Time.currentTimeMillis()), audit);
            return false;
        }
        boolean heldDirectly = user.hasDirectRole(role);
        if (!store.claim(entity, RequestStatus.SCHEDULED, RequestStatus.ACTIVE, entity.getOpenKey(), null, null, !heldDirectly)) {
            return false;
        }
        if (!heldDirectly) {
            RoleMappings.grant(session, user, role);
        }
        audit.record(requestEntry(AuditAction.STARTED, entity).detail("mappingAdded", !heldDirectly)
                .detail("endsAt", entity.getEndsAt()));
        notify(NotificationType.STARTED, entity, null);
        return true;
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
            notifier.notify(Notification.of(type, entity, reason, decisions));
        } catch (RuntimeException e) {
            LOG.warnf(e, "PIM notification %s for request %s dropped", type, entity.getId());
        }
    }

    private static AuditLog.Entry requestEntry(AuditAction action, RequestEntity entity) {
        return AuditLog.entry(action).user(entity.getUserId()).role(entity.getRoleId()).request(entity.getId())
                .detail("kind", entity.getKind().name());
    }
}
