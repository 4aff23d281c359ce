package dev.kcpim.service;

import dev.kcpim.domain.AuditAction;
import dev.kcpim.domain.EligibilityState;
import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.PimException;
import dev.kcpim.domain.Policy;
import dev.kcpim.domain.PrincipalType;
import dev.kcpim.domain.RequestStatus;
import dev.kcpim.domain.Texts;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.EligibilityEntity;
import java.time.Instant;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * The STANDING_ACCESS remedy: a user's direct mapping of a managed role, held outside PIM, becomes an
 * eligibility (permanent unless an end is given) and the mapping goes — both audited. Only a direct mapping
 * can be turned; a group's or a composite's grant is the admin's to remove where it is.
 */
public final class RemediationService {
    private final KeycloakSession session;
    private final RealmModel realm;

    /** The input: who, which role, why, and optionally when the eligibility ends (epoch ms). */
    public record Remedy(String userId, String roleId, String justification, Long endsAt) {
    }

    /** The eligibility the user has now, and whether the remedy created it. */
    public record Outcome(EligibilityView eligibility, boolean created) {
    }

    public RemediationService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public Outcome remediate(Remedy input, Instant now, AuditLog audit, GrantAuthorization authorization) {
        if (Texts.isBlank(input.userId()) || Texts.isBlank(input.roleId())) {
            throw new PimException(ErrorCode.INVALID_REQUEST, "userId and roleId are required");
        }
        String justification = Texts.requireText(input.justification(), "justification", Policy.MAX_JUSTIFICATION_LENGTH, true);
        UserModel user = Principals.user(session, realm, input.userId(), null);
        RoleModel role = Roles.resolve(session, realm, input.roleId(), null, null);
        authorization.requireGrantToUser(user, role);
        if (!ManagedRoles.of(session, realm).contains(role.getId())) {
            throw new PimException(ErrorCode.CONFLICT, "PIM does not manage this role: nothing to remedy");
        }
        PimStore store = PimStore.of(session);
        boolean elevated = store.requests().openRequest(user.getId(), role.getId())
                .map(r -> r.getStatus() == RequestStatus.ACTIVE).orElse(false);
        if (!user.hasDirectRole(role) || elevated) {
            throw new PimException(ErrorCode.CONFLICT, "the user holds no direct mapping of this role outside PIM"
                    + " (a group's or a composite role's grant is removed where it is)");
        }
        EligibilityView eligibility = currentEligibility(user, role, now);
        boolean created = eligibility == null;
        if (created) {
            eligibility = new EligibilityService(session, realm).create(new EligibilityCommand(PrincipalType.USER.name(), user.getId(), null,
                    null, role.getId(), null, null, null, input.endsAt(), justification), now, audit, authorization);
        }
        RoleMappings.remove(session, user, role);
        audit.record(AuditLog.entry(AuditAction.STANDING_ACCESS_REMEDIATED).user(user.getId()).role(role.getId())
                .eligibility(eligibility.entity().getId())
                .detail("username", user.getUsername()).detail("role", Roles.qualifiedName(role))
                .detail("eligibilityCreated", created).detail("justification", justification));
        return new Outcome(eligibility, created);
    }

    /** The user's own eligibility for the role that is in force, if there is one (the mapping then only goes). */
    private EligibilityView currentEligibility(UserModel user, RoleModel role, Instant now) {
        EligibilityService eligibilities = new EligibilityService(session, realm);
        for (EligibilityEntity e : PimStore.of(session).eligibilities().eligibilitiesOfPrincipal(realm.getId(), PrincipalType.USER, user.getId())) {
            if (e.getRoleId().equals(role.getId()) && EligibilityService.window(e).stateAt(now) == EligibilityState.ELIGIBLE) {
                return eligibilities.view(e, now);
            }
        }
        return null;
    }
}
