package dev.kcpim.service;

import dev.kcpim.domain.Approvers;
import dev.kcpim.domain.AuditAction;
import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.PimException;
import dev.kcpim.domain.Policy;
import dev.kcpim.jpa.ColumnCodecs;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.PolicyEntity;
import dev.kcpim.rest.representation.ApproversRep;
import dev.kcpim.rest.representation.PolicyRep;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** Effective policies: the stored one of a role, or the contract's defaults. */
public final class PolicyService {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PimStore store;

    public PolicyService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = PimStore.of(session);
    }

    public Policy effective(RoleModel role) {
        return store.policy(realm.getId(), role.getId()).map(PolicyService::toDomain).orElseGet(() -> Policy.defaults(role.getId()));
    }

    /** Stored policies, plus the defaults of roles that have eligibilities but no stored policy. */
    public List<PolicyRep> list() {
        Set<String> roleIds = new LinkedHashSet<>();
        List<PolicyRep> result = new ArrayList<>();
        for (PolicyEntity entity : store.policies(realm.getId())) {
            RoleModel role = Roles.find(session, realm, entity.getRoleId());
            if (role != null && roleIds.add(role.getId())) {
                result.add(rep(role, toDomain(entity)));
            }
        }
        store.eligibleRoleIds(realm.getId()).stream()
                .filter(roleIds::add)
                .map(roleId -> Roles.find(session, realm, roleId))
                .filter(role -> role != null)
                .forEach(role -> result.add(rep(role, Policy.defaults(role.getId()))));
        return result;
    }

    /** Replaces the role's policy (PUT semantics: a field left out takes the contract's default). */
    public Policy update(RoleModel role, PolicyRep body, AuditLog audit, GrantAuthorization authorization) {
        authorization.requirePolicyChange(role);
        Policy current = Policy.defaults(role.getId());
        ApproversRep approversBody = body.approvers();
        Approvers approvers = approversBody == null ? current.approvers()
                : new Approvers(nullToEmpty(approversBody.users()), nullToEmpty(approversBody.groups()), nullToEmpty(approversBody.roles()));
        Policy updated = new Policy(role.getId(),
                valueOr(body.maxActivationSeconds(), current.maxActivationSeconds()),
                valueOr(body.requireOtp(), current.requireOtp()),
                valueOr(body.requireJustification(), current.requireJustification()),
                body.justificationPattern(),
                valueOr(body.requireTicket(), current.requireTicket()),
                valueOr(body.requireApproval(), current.requireApproval()),
                approvers,
                valueOr(body.minApprovals(), current.minApprovals()),
                valueOr(body.approvalTimeoutSeconds(), current.approvalTimeoutSeconds()),
                valueOr(body.allowPermanentEligibility(), current.allowPermanentEligibility()),
                body.maxEligibilitySeconds(),
                valueOr(body.approverRequireOtp(), current.approverRequireOtp())).validate();
        checkApproversExist(updated.approvers());
        ManagedRoles.ensure(session, realm, role.getId());

        PolicyEntity stored = store.policy(realm.getId(), role.getId()).orElse(null);
        PolicyEntity entity = stored != null ? stored : new PolicyEntity();
        if (stored == null) {
            entity.setId(KeycloakModelUtils.generateId());
            entity.setRealmId(realm.getId());
            entity.setRoleId(role.getId());
        }
        copy(updated, entity);
        entity.setUpdatedAt(Time.currentTimeMillis());
        entity.setUpdatedBy(audit.actor().id());
        if (stored == null) {
            store.persist(entity);
        }
        audit.record(AuditLog.entry(AuditAction.POLICY_UPDATED).role(role.getId()).detail("policy", rep(role, updated)));
        return updated;
    }

    private void checkApproversExist(Approvers approvers) {
        for (String userId : approvers.users()) {
            if (session.users().getUserById(realm, userId) == null) {
                throw new PimException(ErrorCode.INVALID_REQUEST, "approvers.users: no user " + userId + " in this realm");
            }
        }
        for (String groupId : approvers.groups()) {
            if (session.groups().getGroupById(realm, groupId) == null) {
                throw new PimException(ErrorCode.INVALID_REQUEST, "approvers.groups: no group " + groupId + " in this realm");
            }
        }
        for (String roleId : approvers.roles()) {
            if (Roles.find(session, realm, roleId) == null) {
                throw new PimException(ErrorCode.INVALID_REQUEST, "approvers.roles: no role " + roleId + " in this realm");
            }
        }
    }

    public static PolicyRep rep(RoleModel role, Policy policy) {
        Approvers a = policy.approvers();
        return new PolicyRep(Roles.rep(role), policy.maxActivationSeconds(), policy.requireOtp(), policy.requireJustification(),
                policy.justificationPattern(), policy.requireTicket(), policy.requireApproval(),
                new ApproversRep(List.copyOf(a.users()), List.copyOf(a.groups()), List.copyOf(a.roles())),
                policy.minApprovals(), policy.approvalTimeoutSeconds(), policy.allowPermanentEligibility(),
                policy.maxEligibilitySeconds(), policy.approverRequireOtp());
    }

    static Policy toDomain(PolicyEntity e) {
        return new Policy(e.getRoleId(), e.getMaxActivationSeconds(), e.isRequireOtp(), e.isRequireJustification(),
                e.getJustificationPattern(), e.isRequireTicket(), e.isRequireApproval(), ColumnCodecs.readApprovers(e.getApprovers()),
                e.getMinApprovals(), e.getApprovalTimeoutSeconds(), e.isAllowPermanentEligibility(), e.getMaxEligibilitySeconds(),
                e.isApproverRequireOtp());
    }

    private static void copy(Policy p, PolicyEntity e) {
        e.setMaxActivationSeconds(p.maxActivationSeconds());
        e.setRequireOtp(p.requireOtp());
        e.setRequireJustification(p.requireJustification());
        e.setJustificationPattern(p.justificationPattern());
        e.setRequireTicket(p.requireTicket());
        e.setRequireApproval(p.requireApproval());
        e.setMinApprovals(p.minApprovals());
        e.setApprovalTimeoutSeconds(p.approvalTimeoutSeconds());
        e.setAllowPermanentEligibility(p.allowPermanentEligibility());
        e.setMaxEligibilitySeconds(p.maxEligibilitySeconds());
        e.setApproverRequireOtp(p.approverRequireOtp());
        e.setApprovers(ColumnCodecs.writeApprovers(p.approvers()));
    }

    private static <T> T valueOr(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static List<String> nullToEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
