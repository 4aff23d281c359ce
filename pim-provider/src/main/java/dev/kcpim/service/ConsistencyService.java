package dev.kcpim.service;

import dev.kcpim.domain.AuditAction;
import dev.kcpim.domain.BasisLoss;
import dev.kcpim.domain.Cause;
import dev.kcpim.domain.PrincipalType;
import dev.kcpim.domain.RequestStatus;
import dev.kcpim.domain.Transition;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.EligibilityEntity;
import dev.kcpim.jpa.entity.RequestEntity;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Keeps PIM and Keycloak consistent when Keycloak's model changes outside PIM: a removed mapping
 * revokes its elevation, a standing grant of a PIM-managed role is audited, and removed users,
 * roles, groups and realms take their eligibilities and open requests with them (the audit stays).
 * Runs in the transaction of the change, so a deletion never fails because of PIM rows.
 */
public final class ConsistencyService {
    private static final Logger LOG = Logger.getLogger(ConsistencyService.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PimStore store;

    private ConsistencyService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = PimStore.of(session);
    }

    public static ConsistencyService of(KeycloakSession session, RealmModel realm) {
        return new ConsistencyService(session, realm);
    }

    public void roleMappingRemoved(UserModel user, RoleModel role) {
        if (realm == null || RoleMappings.isPimChange(session, user, role) || !ManagedRoles.of(session, realm).contains(role.getId())) {
            return;
        }
        store.requests().openRequest(user.getId(), role.getId())
                .filter(r -> r.getStatus() == RequestStatus.ACTIVE && r.isMappingAdded())
                .ifPresent(r -> endQuietly(r, Transition.REVOKE, Cause.mappingRemovedOutsidePim()));
    }

    public void roleMappingAdded(UserModel user, RoleModel role) {
        if (realm != null) {
            new StandingAccessService(session, realm).roleGranted(user, role);
        }
    }

    public void groupJoined(UserModel user, GroupModel group) {
        if (realm != null) {
            new StandingAccessService(session, realm).groupJoined(user, group);
        }
    }

    /**
     * The user left a group or an admin changed the user (possibly disabling them): their elevations
     * may have lost their basis.
     */
    public void basisMayHaveChanged(String userId) {
        if (realm != null) {
            new BasisService(session, realm).reconcileUser(userId, Instant.ofEpochMilli(Time.currentTimeMillis()), audit());
        }
    }

    public void userRemoved(UserModel user) {
        for (RequestEntity request : store.requests().openRequestsOfUser(realm.getId(), user.getId())) {
            endQuietly(request, endTransition(request), Cause.deleted("the user was deleted"));
        }
        int removed = store.eligibilities().eligibilitiesOfPrincipal(realm.getId(), PrincipalType.USER, user.getId()).size();
        store.deleteEligibilitiesOfPrincipal(realm.getId(), PrincipalType.USER, user.getId());
        store.alerts().deleteLastLogin(realm.getId(), user.getId());
        store.renewals().deleteOfUser(realm.getId(), user.getId());
        if (removed > 0) {
            audit().record(AuditLog.entry(AuditAction.CLEANED_UP).user(user.getId()).detail("reason", "the user was deleted")
                    .detail("eligibilitiesRemoved", removed));
        }
    }

    public void groupRemoved(GroupModel group) {
        for (EligibilityEntity eligibility : store.eligibilities().eligibilitiesOfPrincipal(realm.getId(), PrincipalType.GROUP, group.getId())) {
            for (RequestEntity request : store.requests().openRequestsOfEligibility(realm.getId(), eligibility.getId())) {
                endQuietly(request, endTransition(request), Cause.cleanUp("the group that made the user eligible was deleted"));
            }
            audit().record(AuditLog.entry(AuditAction.CLEANED_UP).role(eligibility.getRoleId()).eligibility(eligibility.getId())
                    .detail("reason", "the group was deleted").detail("groupId", group.getId()));
        }
        store.deleteEligibilitiesOfPrincipal(realm.getId(), PrincipalType.GROUP, group.getId());
    }

    public static void roleRemoved(KeycloakSession session, RoleModel role) {
        RealmModel realm = role.getContainer() instanceof ClientModel client ? client.getRealm()
                : role.getContainer() instanceof RealmModel owner ? owner : null;
        if (realm == null) {
            return;
        }
        ConsistencyService service = new ConsistencyService(session, realm);
        for (RequestEntity request : service.store.requests().openRequestsOfRole(realm.getId(), role.getId())) {
            service.endQuietly(request, endTransition(request), Cause.deleted("the role was deleted"));
        }
        service.store.deleteEligibilitiesOfRole(realm.getId(), role.getId());
        service.store.deletePolicy(realm.getId(), role.getId());
        ManagedRoles.forget(session, realm, role.getId());
    }

    public static void realmRemoved(KeycloakSession session, RealmModel realm) {
        PimStore.of(session).deleteRealm(realm.getId());
    }

    /** Pending requests are cancelled; scheduled and active ones revoked. */
    private static Transition endTransition(RequestEntity request) {
        return BasisLoss.endingFor(request.getStatus());
    }

    private void endQuietly(RequestEntity request, Transition transition, Cause cause) {
        try {
            new ElevationService(session, realm).apply(request, transition, cause, null, Instant.ofEpochMilli(Time.currentTimeMillis()), audit());
        } catch (RuntimeException raced) {
            LOG.debugf(raced, "request %s already ended", request.getId());
        }
    }

    private AuditLog audit() {
        return new AuditLog(session, realm, Actor.SYSTEM, EventChannel.NONE);
    }

}
