package dev.kcpim.service;

import dev.kcpim.domain.ActivationRequest;
import dev.kcpim.domain.ActivationRules;
import dev.kcpim.domain.AuditAction;
import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.PimException;
import dev.kcpim.domain.Policy;
import dev.kcpim.domain.Cause;
import dev.kcpim.domain.RequestKind;
import dev.kcpim.domain.RequestStatus;
import dev.kcpim.domain.Transition;
import dev.kcpim.domain.Texts;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.RequestEntity;
import dev.kcpim.notify.NotificationType;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * A user moves the end of their ACTIVE elevation later: the same request keeps running (one mapping, no gap)
 * with the new end, after the same checks as an activation. When the policy requires approval, a request of kind
 * EXTENSION waits for the approvers instead (the elevation runs on meanwhile) and, once approved, moves the end the
 * same way. Checks run in this order: the request (not the
 * caller's: not found), its kind (an admin's assignment is not the user's to extend), the policy ({@code allowExtension}), the input, the status (only ACTIVE), the
 * eligibility, the new end, and last the OTP code, so that a code is consumed only by an extension that
 * passed everything else. Every refusal is audited, even though the request's transaction rolls back.
 */
public final class ExtensionService {
    private static final Logger LOG = Logger.getLogger(ExtensionService.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PimStore store;

    public ExtensionService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = PimStore.of(session);
    }

    public RequestView extend(UserModel user, String requestId, ExtensionCommand input, Instant now, AuditLog audit) {
        RequestEntity request = new ElevationService(session, realm).ownRequest(user, requestId);
        try {
            RoleModel role = Roles.find(session, realm, request.getRoleId());
            if (role == null) {
                throw new PimException(ErrorCode.NOT_FOUND, "the role of this request no longer exists");
            }
            if (request.getKind() != RequestKind.ACTIVATION) {
                throw new PimException(ErrorCode.FORBIDDEN, "only your own activations can be extended; an admin's assignment ends when the admin set it");
            }
            Policy policy = new PolicyService(session, realm).effective(role);
            if (!policy.allowExtension()) {
                throw new PimException(ErrorCode.FORBIDDEN, "the policy of this role does not allow extending an elevation");
            }
            ActivationRules.validateInput(policy, new ActivationRequest(input.durationSeconds(), input.justification(), input.ticket(), null), now);
            if (request.getStatus() != RequestStatus.ACTIVE) {
                throw new PimException(ErrorCode.CONFLICT, "only an ACTIVE elevation can be extended; this request is " + request.getStatus());
            }
            EligibilityService.UserEligibility eligibility = basisFor(request, user, role, now);
            Instant newEnd = ActivationRules.extendedEnd(policy, input.durationSeconds(), eligibility.window(),
                    Instant.ofEpochMilli(request.getEndsAt()), now);
            if (policy.requireApproval()) {
                checkNoPendingExtension(request);
            }
            if (policy.requireOtp()) {
                OtpStepUp.verify(session, realm, user, input.otp());
            }
            if (policy.requireApproval()) {
                return requestApproval(request, user, policy, eligibility, input, newEnd, now, audit);
            }
            moveEnd(request, eligibility.entity().getId(), newEnd, audit, AuditLog.entry(AuditAction.EXTENDED)
                    .detail("durationSeconds", input.durationSeconds())
                    .detail("justification", Texts.isBlank(input.justification()) ? null : input.justification())
                    .detail("ticket", Texts.isBlank(input.ticket()) ? null : input.ticket())
                    .detail("otpVerified", policy.requireOtp()));
            return RequestView.of(session, realm, request);
        } catch (PimException e) {
            audit.recordRejection(AuditLog.entry(AuditAction.EXTENSION_REJECTED).user(user.getId()).role(request.getRoleId()).request(request.getId())
                    .detail("error", e.errorCode().code()).detail("description", e.description()), e.errorCode().code());
            LOG.warnf("PIM extension rejected in realm %s for user %s, request %s: %s (%s)", realm.getName(), user.getId(), request.getId(),
                    e.errorCode().code(), e.description());
            throw e;
        }
    }

    /**
     * The last approval of an EXTENSION arrived: the extension becomes APPLIED and the request it extends ends later, computed
     * now (server now + the requested duration, within the policy and the eligibility), as if extended directly. Refused
     * (nothing changes, the extension keeps waiting) when that request is no longer ACTIVE, the user no longer eligible, or
     * the new end would not be later than the current one.
     */
    public void applyApproved(RequestEntity extension, Policy policy, String approvers, Instant now, AuditLog audit) {
        RequestEntity original = store.requests().requestForUpdate(realm.getId(), extension.getExtendsId())
                .filter(r -> r.getStatus() == RequestStatus.ACTIVE)
                .orElseThrow(() -> new PimException(ErrorCode.CONFLICT, "the elevation this extension would extend is no longer active"));
        UserModel user = session.users().getUserById(realm, extension.getUserId());
        RoleModel role = Roles.find(session, realm, extension.getRoleId());
        if (user == null || role == null) {
            throw new PimException(ErrorCode.NOT_FOUND, "the user or the role no longer exists");
        }
        EligibilityService.UserEligibility eligibility = basisFor(original, user, role, now);
        Instant newEnd = ActivationRules.extendedEnd(policy, extension.getDurationSeconds(), eligibility.window(),
                Instant.ofEpochMilli(original.getEndsAt()), now);
        if (!store.requests().replanPending(extension, newEnd.toEpochMilli())) {
            throw new PimException(ErrorCode.CONFLICT, "the request was changed meanwhile");
        }
        new ElevationService(session, realm).apply(extension, Transition.APPLY_EXTENSION,
                Cause.of("approved by " + approvers + ": request " + original.getId() + " now ends at " + newEnd), null, now, audit);
        moveEnd(original, eligibility.entity().getId(), newEnd, audit, AuditLog.entry(AuditAction.EXTENDED)
                .detail("durationSeconds", extension.getDurationSeconds())
                .detail("extensionRequestId", extension.getId())
                .detail("approvedBy", approvers)
                .detail("justification", extension.getJustification())
                .detail("ticket", extension.getTicket()));
    }

    private void checkNoPendingExtension(RequestEntity request) {
        if (store.requests().openRequestByKey(PimStore.extensionKey(request.getId())).isPresent()) {
            throw new PimException(ErrorCode.CONFLICT, "an extension of this elevation already waits for approval");
        }
    }

    private RequestView requestApproval(RequestEntity original, UserModel user, Policy policy, EligibilityService.UserEligibility eligibility,
                                        ExtensionCommand input, Instant newEnd, Instant now, AuditLog audit) {
        RequestEntity extension = new RequestEntity();
        extension.setId(KeycloakModelUtils.generateId());
        extension.setRealmId(realm.getId());
        extension.setUserId(user.getId());
        extension.setUsername(user.getUsername());
        extension.setRoleId(original.getRoleId());
        extension.setRoleName(original.getRoleName());
        extension.setRoleClientId(original.getRoleClientId());
        extension.setKind(RequestKind.EXTENSION);
        extension.setStatus(RequestStatus.PENDING_APPROVAL);
        extension.setOpenKey(PimStore.extensionKey(original.getId()));
        extension.setExtendsId(original.getId());
        extension.setEligibilityId(eligibility.entity().getId());
        extension.setRequestedAt(now.toEpochMilli());
        extension.setRequestedBy(user.getId());
        extension.setStartsAt(now.toEpochMilli());
        extension.setEndsAt(newEnd.toEpochMilli());
        extension.setDurationSeconds(input.durationSeconds() != null ? input.durationSeconds() : policy.maxActivationSeconds());
        extension.setJustification(Texts.isBlank(input.justification()) ? null : input.justification());
        extension.setTicket(Texts.isBlank(input.ticket()) ? null : input.ticket());
        extension.setApprovalDeadline(ActivationRules.approvalDeadline(policy, now).toEpochMilli());
        try {
            store.persist(extension);
            store.flush();
        } catch (PersistenceException | ModelException e) {
            LOG.debugf(e, "extension insert refused for %s", extension.getOpenKey());
            throw new PimException(ErrorCode.CONFLICT, "an extension of this elevation already waits for approval");
        }
        audit.record(ElevationService.requestEntry(AuditAction.EXTENSION_REQUESTED, extension)
                .detail("extends", original.getId())
                .detail("durationSeconds", extension.getDurationSeconds())
                .detail("justification", extension.getJustification())
                .detail("ticket", extension.getTicket())
                .detail("otpVerified", policy.requireOtp()));
        new RequestNotices(session, realm).send(NotificationType.APPROVAL_REQUESTED, extension, null);
        return RequestView.of(session, realm, extension);
    }

    /** The one way an ACTIVE elevation ends later: the same request, rebased if its basis changed, with its token slots in a new generation. */
    private void moveEnd(RequestEntity request, String eligibilityId, Instant newEnd, AuditLog audit, AuditLog.Entry entry) {
        long previousEnd = request.getEndsAt();
        String previousEligibility = request.getEligibilityId();
        if (!Objects.equals(previousEligibility, eligibilityId) && !store.requests().rebase(request, eligibilityId)
                || !store.requests().extendEnd(request, newEnd.toEpochMilli())) {
            throw new PimException(ErrorCode.CONFLICT, "the request was changed meanwhile");
        }
        ElevationCache.invalidate(session, realm, session.users().getUserById(realm, request.getUserId()));
        audit.record(entry.user(request.getUserId()).role(request.getRoleId()).request(request.getId())
                .eligibility(request.getEligibilityId())
                .detail("kind", request.getKind().name())
                .detail("previousEndsAt", previousEnd).detail("endsAt", request.getEndsAt())
                .detail("extensions", request.getExtensions())
                .detail("previousEligibilityId", Objects.equals(previousEligibility, request.getEligibilityId()) ? null : previousEligibility));
    }

    /** The eligibility the extended elevation rests on: its own if it still covers the user now, else the covering one that ends last. */
    private EligibilityService.UserEligibility basisFor(RequestEntity request, UserModel user, RoleModel role, Instant now) {
        List<EligibilityService.UserEligibility> covering = new EligibilityService(session, realm).eligibleNow(user, now).stream()
                .filter(e -> e.role().getId().equals(role.getId()))
                .toList();
        return covering.stream().filter(e -> e.entity().getId().equals(request.getEligibilityId())).findFirst()
                .or(() -> covering.stream().max(Comparator.comparing(e -> e.entity().getEndsAt() == null ? Long.MAX_VALUE : e.entity().getEndsAt())))
                .orElseThrow(() -> new PimException(ErrorCode.NOT_ELIGIBLE, "you are no longer eligible for this role"));
    }
}
