package dev.kcpim.service;

import dev.kcpim.domain.Approvers;
import dev.kcpim.domain.AuditAction;
import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.PimException;
import dev.kcpim.domain.Policy;
import dev.kcpim.jpa.ColumnCodecs;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.PolicyEntity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
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

    /** A role with its effective policy. */
    public record RolePolicy(RoleModel role, Policy policy) {
    }

    public Policy effective(RoleModel role) {
        return store.policy(realm.getId(), role.getId()).map(PolicyService::toDomain).orElseGet(() -> Policy.defaults(role.getId()));
    }

    /** Stored policies, plus the defaults of roles that have eligibilities but no stored policy. */
    public List<RolePolicy> list() {
        Set<String> roleIds = new LinkedHashSet<>();
        List<RolePolicy> result = new ArrayList<>();
        for (PolicyEntity entity : store.policies(realm.getId())) {
            RoleModel role = Roles.find(session, realm, entity.getRoleId());
            if (role != null && roleIds.add(role.getId())) {
                result.add(new RolePolicy(role, toDomain(entity)));
            }
        }
        store.eligibilities().eligibleRoleIds(realm.getId()).stream()
                .filter(roleIds::add)
                .map(roleId -> Roles.find(session, realm, roleId))
                .filter(role -> role != null)
                .forEach(role -> result.add(new RolePolicy(role, Policy.defaults(role.getId()))));
        return result;
    }

    /**
     * Replaces the role's policy with {@code proposed} (validated here; the caller has filled the
     * fields a PUT left out with the contract's defaults).
     */
    public Policy update(RoleModel role, Policy proposed, AuditLog audit, GrantAuthorization authorization) {
        authorization.requirePolicyChange(role);
        Policy updated = proposed.validate();
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
        audit.record(AuditLog.entry(AuditAction.POLICY_UPDATED).role(role.getId()).detail("policy", auditDetail(role, updated)));
        return updated;
    }

    /** Resets the role's policy to the contract's defaults; audited when a stored policy was removed. */
    public void delete(RoleModel role, AuditLog audit, GrantAuthorization authorization) {
        authorization.requirePolicyChange(role);
        store.policy(realm.getId(), role.getId()).ifPresent(stored -> {
            Policy previous = toDomain(stored);
            store.entityManager().remove(stored);
            store.flush();
            audit.record(AuditLog.entry(AuditAction.POLICY_DELETED).role(role.getId()).detail("previous", auditDetail(role, previous)));
        });
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

    /** The policy as the audit shows it: the role, then every field by its contract name. */
    private static Map<String, Object> auditDetail(RoleModel role, Policy p) {
        Map<String, Object> roleDetail = new LinkedHashMap<>();
        roleDetail.put("id", role.getId());
        roleDetail.put("name", role.getName());
        roleDetail.put("clientId", Roles.clientId(role));
        roleDetail.put("description", role.getDescription());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("role", roleDetail);
        detail.put("maxActivationSeconds", p.maxActivationSeconds());
        detail.put("requireOtp", p.requireOtp());
        detail.put("requireJustification", p.requireJustification());
        detail.put("justificationPattern", p.justificationPattern());
        detail.put("requireTicket", p.requireTicket());
        detail.put("requireApproval", p.requireApproval());
        Map<String, Object> approvers = new LinkedHashMap<>();
        approvers.put("users", List.copyOf(p.approvers().users()));
        approvers.put("groups", List.copyOf(p.approvers().groups()));
        approvers.put("roles", List.copyOf(p.approvers().roles()));
        detail.put("approvers", approvers);
        detail.put("minApprovals", p.minApprovals());
        detail.put("approvalTimeoutSeconds", p.approvalTimeoutSeconds());
        detail.put("allowPermanentEligibility", p.allowPermanentEligibility());
        detail.put("maxEligibilitySeconds", p.maxEligibilitySeconds());
        detail.put("approverRequireOtp", p.approverRequireOtp());
        detail.put("allowExtension", p.allowExtension());
        detail.put("justificationHint", p.justificationHint());
        return detail;
    }

    static Policy toDomain(PolicyEntity e) {
        return new Policy(e.getRoleId(), e.getMaxActivationSeconds(), e.isRequireOtp(), e.isRequireJustification(),
                e.getJustificationPattern(), e.isRequireTicket(), e.isRequireApproval(), ColumnCodecs.readApprovers(e.getApprovers()),
                e.getMinApprovals(), e.getApprovalTimeoutSeconds(), e.isAllowPermanentEligibility(), e.getMaxEligibilitySeconds(),
                e.isApproverRequireOtp(), e.getJustificationHint(), e.isAllowExtension());
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
        e.setAllowExtension(p.allowExtension());
        e.setApprovers(ColumnCodecs.writeApprovers(p.approvers()));
        e.setJustificationHint(p.justificationHint());
    }
}
