package dev.kcpim.service;

import dev.kcpim.domain.ActivationRequest;
import dev.kcpim.domain.ActivationRules;
import dev.kcpim.domain.AuditAction;
import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.PimException;
import dev.kcpim.domain.Policy;
import dev.kcpim.domain.RequestStatus;
import dev.kcpim.domain.Texts;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.RequestEntity;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * A user moves the end of their ACTIVE elevation later: the same request keeps running (one mapping, no gap)
 * with the new end, after the same checks as an activation. Checks run in this order: the request (not the
 * caller's: not found), the policy ({@code allowExtension}), the input, the status (only ACTIVE), the
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
                throw new PimException(ErrorCode.FORBIDDEN, "the policy of this role requires approval, and extensions that need approval"
                        + " are not available in this version: deactivate and activate again, or ask an admin for an assignment");
            }
            if (policy.requireOtp()) {
                OtpStepUp.verify(session, realm, user, input.otp());
            }

            long previousEnd = request.getEndsAt();
            String previousEligibility = request.getEligibilityId();
            if (!Objects.equals(previousEligibility, eligibility.entity().getId()) && !store.requests().rebase(request, eligibility.entity().getId())
                    || !store.requests().extendEnd(request, newEnd.toEpochMilli())) {
                throw new PimException(ErrorCode.CONFLICT, "the request was changed meanwhile");
            }
            ElevationCache.invalidate(session, realm, user);
            audit.record(ElevationService.requestEntry(AuditAction.EXTENDED, request)
                    .eligibility(request.getEligibilityId())
                    .detail("previousEndsAt", previousEnd).detail("endsAt", request.getEndsAt())
                    .detail("durationSeconds", input.durationSeconds())
                    .detail("extensions", request.getExtensions())
                    .detail("previousEligibilityId", Objects.equals(previousEligibility, request.getEligibilityId()) ? null : previousEligibility)
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
