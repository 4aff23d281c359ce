package dev.kcpim.service;

import dev.kcpim.domain.ActivationPlan;
import dev.kcpim.domain.ApprovalRules;
import dev.kcpim.domain.ApprovalTally;
import dev.kcpim.domain.ApprovalTally.DecisionRecord;
import dev.kcpim.domain.Approvers;
import dev.kcpim.domain.AuditAction;
import dev.kcpim.domain.Cause;
import dev.kcpim.domain.Decision;
import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.PimException;
import dev.kcpim.domain.RequestKind;
import dev.kcpim.domain.Policy;
import dev.kcpim.domain.Transition;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.DecisionEntity;
import dev.kcpim.jpa.entity.PolicyEntity;
import dev.kcpim.jpa.entity.RequestEntity;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Approvals: who is an approver of a role (listed users; members of listed groups and of their
 * subgroups; holders of listed roles, also through composite roles and group roles, as Keycloak's
 * {@code hasRole} sees them), the requests an approver may decide, and the decisions themselves.
 */
public final class ApprovalService {
    private static final Logger LOG = Logger.getLogger(ApprovalService.class);
    /** At most this many approvers are emailed about one request. */
    static final int MAX_NOTIFIED_APPROVERS = 200;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PimStore store;

    public ApprovalService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = PimStore.of(session);
    }

    /** A request waiting for the approver, with its role's effective policy (and for an EXTENSION, the current end of the elevation it extends). */
    public record Awaiting(RequestEntity request, RoleModel role, Policy policy, Long extendedEndsAt) {
    }

    /** Whether the policy's approver rules match the user (the requester is not excluded here). */
    public boolean isApprover(Policy policy, UserModel user) {
        Approvers approvers = policy.approvers();
        if (approvers.isEmpty() || !user.isEnabled() || user.getServiceAccountClientLink() != null) {
            return false;
        }
        Set<String> groupIds = approvers.groups().isEmpty() ? Set.of() : Principals.effectiveGroups(user).keySet();
        List<String> heldRoleIds = approvers.roles().stream()
                .filter(roleId -> {
                    RoleModel role = Roles.find(session, realm, roleId);
                    return role != null && user.hasRole(role);
                })
                .toList();
        return approvers.admits(user.getId(), groupIds, heldRoleIds);
    }

    /** Whether the user approves for any role of the realm whose stored policy requires approval. */
    public boolean isApproverOfAnyRole(UserModel user) {
        for (PolicyEntity entity : store.policies(realm.getId())) {
            Policy policy = PolicyService.toDomain(entity);
            if (policy.requireApproval() && isApprover(policy, user)) {
                return true;
            }
        }
        return false;
    }

    /** Pending requests the user may decide now, oldest first: never their own, nor those they already decided. */
    public List<Awaiting> awaiting(UserModel approver) {
        List<RequestEntity> pending = store.requests().pendingApprovals(realm.getId());
        if (pending.isEmpty()) {
            return List.of();
        }
        Map<String, List<DecisionEntity>> decisions = store.decisionsOf(realm.getId(), pending.stream().map(RequestEntity::getId).toList());
        Map<String, Optional<Awaiting>> byRole = new HashMap<>();
        List<Awaiting> result = new ArrayList<>();
        for (RequestEntity request : pending) {
            Optional<Awaiting> approverOfRole = byRole.computeIfAbsent(request.getRoleId(), roleId -> {
                RoleModel role = Roles.find(session, realm, roleId);
                if (role == null) {
                    return Optional.empty();
                }
                Policy policy = new PolicyService(session, realm).effective(role);
                return isApprover(policy, approver) ? Optional.of(new Awaiting(request, role, policy, null)) : Optional.empty();
            });
            if (approverOfRole.isPresent() && ApprovalRules.awaits(request.getUserId(), approver.getId(), true, request.getStatus(),
                    records(decisions.get(request.getId())))) {
                Long extendedEndsAt = request.getKind() != RequestKind.EXTENSION ? null
                        : store.requests().request(realm.getId(), request.getExtendsId()).map(RequestEntity::getEndsAt).orElse(null);
                result.add(new Awaiting(request, approverOfRole.get().role(), approverOfRole.get().policy(), extendedEndsAt));
            }
        }
        return result;
    }

    /**
     * An approver's decision. Checks run in the contract's order: input (decision, reason), the request
     * (not found, own request, not an approver, no longer pending or already decided), then the
     * approver's OTP when the policy asks for it. The request row is locked first, so concurrent
     * decisions are applied one after the other and the quorum is seen by exactly one of them. Every
     * rejection is audited, even though the transaction rolls back.
     */
    public RequestView decide(UserModel approver, String requestId, String decision, String reason, String otp, Instant now,
                             AuditLog audit) {
        RequestEntity request = null;
        try {
            ApprovalRules.DecisionInput input = ApprovalRules.validateInput(decision, reason);
            request = store.requests().requestForUpdate(realm.getId(), requestId == null ? "" : requestId)
                    .orElseThrow(() -> new PimException(ErrorCode.NOT_FOUND, "request not found"));
            RoleModel role = Roles.find(session, realm, request.getRoleId());
            Policy policy = role == null ? null : new PolicyService(session, realm).effective(role);
            List<DecisionRecord> decisions = new ArrayList<>(records(store.decisionsOf(realm.getId(), List.of(request.getId()))
                    .get(request.getId())));
            ApprovalRules.checkMayDecide(request.getUserId(), approver.getId(), policy != null && isApprover(policy, approver),
                    request.getStatus(), decisions);
            if (policy.approverRequireOtp()) {
                OtpStepUp.verify(session, realm, approver, otp);
            }

            DecisionEntity entity = new DecisionEntity();
            entity.setId(KeycloakModelUtils.generateId());
            entity.setRealmId(realm.getId());
            entity.setRequestId(request.getId());
            entity.setApproverId(approver.getId());
            entity.setApproverUsername(approver.getUsername());
            entity.setDecision(input.decision());
            entity.setReason(input.reason());
            entity.setDecidedAt(now.toEpochMilli());
            insert(entity);
            decisions.add(new DecisionRecord(approver.getId(), input.decision(), now));
            audit.record(AuditLog.entry(AuditAction.APPROVAL_DECIDED).user(request.getUserId()).role(request.getRoleId())
                    .request(request.getId())
                    .detail("decision", input.decision().name()).detail("reason", input.reason())
                    .detail("approvals", decisions.stream().filter(d -> d.decision() == Decision.APPROVE).count())
                    .detail("minApprovals", policy.minApprovals())
                    .detail("otpVerified", policy.approverRequireOtp()));

            ElevationService elevations = new ElevationService(session, realm);
            if (request.getKind() == RequestKind.EXTENSION) {
                switch (ApprovalTally.evaluate(policy.minApprovals(), decisions)) {
                    case DENIED -> elevations.apply(request, Transition.DENY,
                            Cause.of("denied by " + approver.getUsername() + ": " + input.reason()), null, now, audit);
                    case APPROVED -> new ExtensionService(session, realm).applyApproved(request, policy,
                            String.join(", ", approverNames(request.getId())), now, audit);
                    default -> {
                    }
                }
                return elevations.view(request);
            }
            RequestEntity decided = request;
            Optional<ApprovalRules.Outcome> outcome = ApprovalRules.outcome(policy.minApprovals(), decisions,
                    () -> planOnApproval(decided, policy, now));
            if (outcome.isPresent()) {
                if (outcome.get().transition() == Transition.DENY) {
                    elevations.apply(request, Transition.DENY, Cause.of("denied by " + approver.getUsername() + ": " + input.reason()),
                            null, now, audit);
                } else {
                    elevations.approve(request, outcome.get().plan(), now, audit);
                }
            }
            return elevations.view(request);
        } catch (PimException e) {
            audit.recordRejection(AuditLog.entry(AuditAction.DECISION_REJECTED)
                    .user(request == null ? null : request.getUserId()).role(request == null ? null : request.getRoleId())
                    .request(request == null ? null : request.getId())
                    .detail("decision", decision).detail("error", e.errorCode().code()).detail("description", e.description()),
                    e.errorCode().code());
            LOG.warnf("PIM decision rejected in realm %s: approver %s, request %s: %s (%s)", realm.getName(), approver.getId(),
                    requestId, e.errorCode().code(), e.description());
            throw e;
        }
    }

    /** The usernames of the approvers so far (the deciding one included), for the end reason of an applied extension. */
    private List<String> approverNames(String requestId) {
        return store.decisionsOf(realm.getId(), List.of(requestId)).getOrDefault(requestId, List.of()).stream()
                .filter(d -> d.getDecision() == Decision.APPROVE).map(DecisionEntity::getApproverUsername).toList();
    }

    /**
     * The window granted by the last approval: from now (or the later start the requester proposed)
     * for the requested duration, within an eligibility the requester still has.
     */
    private ActivationPlan planOnApproval(RequestEntity request, Policy policy, Instant now) {
        UserModel requester = session.users().getUserById(realm, request.getUserId());
        if (requester == null) {
            throw new PimException(ErrorCode.NOT_FOUND, "the requester no longer exists");
        }
        EligibilityService.UserEligibility eligibility = new EligibilityService(session, realm).eligibleNow(requester, now).stream()
                .filter(e -> e.role().getId().equals(request.getRoleId()))
                .min(Comparator.comparing((EligibilityService.UserEligibility e) -> !e.entity().getId().equals(request.getEligibilityId())))
                .orElseThrow(() -> new PimException(ErrorCode.NOT_ELIGIBLE, "the requester is no longer eligible for this role"));
        return ApprovalRules.planOnApproval(policy, request.getDurationSeconds(), Instant.ofEpochMilli(request.getStartsAt()),
                eligibility.window(), now);
    }

    /** A second decision by the same approver fails here on the unique key, should two of their calls race. */
    private void insert(DecisionEntity entity) {
        try {
            store.persist(entity);
            store.flush();
        } catch (PersistenceException | ModelException e) {
            LOG.debugf(e, "decision insert refused for request %s", entity.getRequestId());
            throw new PimException(ErrorCode.CONFLICT, "you already decided this request");
        }
    }

    /**
     * The users to email about a request waiting for approval: every enabled approver except the
     * requester, at most {@link #MAX_NOTIFIED_APPROVERS}.
     */
    public List<UserModel> approversToNotify(Policy policy, String requesterId) {
        Approvers approvers = policy.approvers();
        Map<String, UserModel> candidates = new LinkedHashMap<>();
        int limit = MAX_NOTIFIED_APPROVERS * 2;
        for (String userId : approvers.users()) {
            UserModel user = session.users().getUserById(realm, userId);
            if (user != null && user.isEnabled() && candidates.size() < limit) {
                candidates.putIfAbsent(user.getId(), user);
            }
        }
        Set<String> visitedGroups = new HashSet<>();
        for (String groupId : approvers.groups()) {
            RoleHolders.addMembers(session, realm, candidates, session.groups().getGroupById(realm, groupId), visitedGroups, limit);
        }
        for (String roleId : approvers.roles()) {
            RoleModel role = Roles.find(session, realm, roleId);
            if (role != null && candidates.size() < limit) {
                RoleHolders.enabledHolders(session, realm, role, limit - candidates.size()).forEach(candidates::putIfAbsent);
            }
        }
        List<UserModel> result = candidates.values().stream()
                .filter(user -> !user.getId().equals(requesterId))
                .filter(user -> isApprover(policy, user))
                .limit(MAX_NOTIFIED_APPROVERS)
                .toList();
        if (candidates.size() >= limit) {
            LOG.warnf("PIM approval notification in realm %s limited to %d approvers", realm.getName(), result.size());
        }
        return result;
    }

    private static List<DecisionRecord> records(List<DecisionEntity> decisions) {
        return decisions == null ? List.of() : decisions.stream()
                .map(d -> new DecisionRecord(d.getApproverId(), d.getDecision(), Instant.ofEpochMilli(d.getDecidedAt())))
                .toList();
    }
}
