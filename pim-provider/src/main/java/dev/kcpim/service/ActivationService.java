package dev.kcpim.service;

import dev.kcpim.domain.ActivationPlan;
import dev.kcpim.domain.ActivationRequest;
import dev.kcpim.domain.ActivationRules;
import dev.kcpim.domain.AuditAction;
import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.PimException;
import dev.kcpim.domain.Policy;
import dev.kcpim.domain.RequestKind;
import dev.kcpim.domain.RequestStatus;
import dev.kcpim.domain.Texts;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.RequestEntity;
import dev.kcpim.notify.NotificationType;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * New requests: a user's activation and an admin's time-bound assignment. Each is inserted before
 * the role is mapped, so the unique open key turns a concurrent duplicate into a conflict; later
 * status changes go through {@link ElevationService#apply}.
 */
public final class ActivationService {
    private static final Logger LOG = Logger.getLogger(ActivationService.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PimStore store;
    private final RequestNotices notices;

    public ActivationService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = PimStore.of(session);
        this.notices = new RequestNotices(session, realm);
    }

    /**
     * A user's activation. Checks run in the contract's order (input, eligibility and policy,
     * conflicts, OTP) so that an OTP code is consumed only by a request that passed everything else.
     * Every rejection is audited, even though the request's transaction rolls back.
     */
    public RequestView activate(UserModel user, ActivationCommand input, Instant now, AuditLog audit) {
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
            ElevationCache.invalidate(session, realm, user);
            if (status == RequestStatus.ACTIVE) {
                RoleMappings.grant(session, user, role);
            }
            AuditAction action = switch (status) {
                case ACTIVE -> AuditAction.ACTIVATED;
                case SCHEDULED -> AuditAction.SCHEDULED;
                default -> AuditAction.ACTIVATION_REQUESTED;
            };
            audit.record(ElevationService.requestEntry(action, entity)
                    .detail("durationSeconds", entity.getDurationSeconds())
                    .detail("justification", entity.getJustification())
                    .detail("ticket", entity.getTicket())
                    .detail("otpVerified", policy.requireOtp()));
            if (status == RequestStatus.PENDING_APPROVAL) {
                notices.send(NotificationType.APPROVAL_REQUESTED, entity, null);
            } else if (status == RequestStatus.ACTIVE) {
                notices.send(NotificationType.STARTED, entity, null);
            }
            return RequestView.of(session, realm, entity);
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
    public RequestView assign(AssignmentCommand input, Instant now, AuditLog audit, GrantAuthorization authorization) {
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
        ElevationCache.invalidate(session, realm, user);
        if (entity.getStatus() == RequestStatus.ACTIVE) {
            RoleMappings.grant(session, user, role);
        }
        audit.record(ElevationService.requestEntry(AuditAction.ASSIGNMENT_CREATED, entity)
                .detail("status", entity.getStatus().name())
                .detail("startsAt", entity.getStartsAt()).detail("endsAt", entity.getEndsAt())
                .detail("justification", justification));
        if (entity.getStatus() == RequestStatus.ACTIVE) {
            notices.send(NotificationType.STARTED, entity, null);
        }
        return RequestView.of(session, realm, entity);
    }

    private void checkNoConflict(UserModel user, RoleModel role) {
        if (store.requests().openRequest(user.getId(), role.getId()).isPresent()) {
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
}
