package dev.kcpim.rest.admin;

import dev.kcpim.domain.ErrorCode;
import dev.kcpim.rest.Rest;
import dev.kcpim.service.GrantAuthorization;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * The contract's admin permissions (view-users to read, manage-users to change grants, manage-realm
 * for policies) and Keycloak's own rule for handing out a role: what its role-mapping endpoints
 * check ({@code users().requireMapRoles(user)} or {@code groups().requireManage(group)}, then
 * {@code roles().requireMapRole(role)}). PIM is stricter in one place: a composite role is granted
 * only if the admin could also map every admin role (realm-management and master {@code *-realm}
 * roles) inside it, so a composite cannot smuggle in an admin role the admin does not hold.
 */
final class AdminAuthorization implements GrantAuthorization {
    private static final Logger LOG = Logger.getLogger(AdminAuthorization.class);

    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    AdminAuthorization(RealmModel realm, AdminPermissionEvaluator auth) {
        this.realm = realm;
        this.auth = auth;
    }

    void requireViewUsers() {
        require(auth.users().canView(), "view-users");
    }

    void requireManageUsers() {
        require(auth.users().canManage(), "manage-users");
    }

    void requireViewRealm() {
        require(auth.realm().canViewRealm(), "view-realm");
    }

    void requireManageRealm() {
        require(auth.realm().canManageRealm(), "manage-realm");
    }

    @Override
    public void requireGrantToUser(UserModel user, RoleModel role) {
        require(auth.users().canMapRoles(user), "the right to map roles of user " + user.getUsername());
        requireMapRole(role);
    }

    @Override
    public void requireGrantToGroup(GroupModel group, RoleModel role) {
        require(auth.groups().canManage(group), "the right to manage group " + group.getName());
        requireMapRole(role);
    }

    @Override
    public void requirePolicyChange(RoleModel role) {
        requireMapRole(role);
    }

    private void requireMapRole(RoleModel role) {
        String missing = missingRightToMap(role);
        require(missing == null, missing);
    }

    /** Whether the admin could hand out the role (to a principal they may manage): for pickers, nothing logged. */
    boolean mayGrant(RoleModel role) {
        return missingRightToMap(role) == null;
    }

    private String missingRightToMap(RoleModel role) {
        if (!auth.roles().canMapRole(role)) {
            return "the right to map role " + role.getName();
        }
        if (role.isComposite()) {
            for (RoleModel contained : RoleUtils.expandCompositeRoles(Set.of(role))) {
                if (contained != role && isAdminRole(contained) && !auth.roles().canMapRole(contained)) {
                    return "the right to map admin role " + contained.getName() + " (contained in " + role.getName() + ")";
                }
            }
        }
        return null;
    }

    private static boolean isAdminRole(RoleModel role) {
        if (!(role.getContainer() instanceof ClientModel client) || !AdminRoles.ALL_ROLES.contains(role.getName())) {
            return false;
        }
        boolean realmManagement = client.getClientId().equals(Constants.REALM_MANAGEMENT_CLIENT_ID);
        boolean masterRealmClient = client.getRealm().getName().equals(Config.getAdminRealm()) && client.getClientId().endsWith("-realm");
        return realmManagement || masterRealmClient;
    }

    private void require(boolean allowed, String permission) {
        if (!allowed) {
            LOG.warnf("PIM admin request denied in realm %s: user %s (client %s) lacks %s", realm.getName(),
                    auth.adminAuth().getUser().getId(), auth.adminAuth().getClient().getClientId(), permission);
            throw Rest.error(ErrorCode.FORBIDDEN, "this needs " + (permission.startsWith("the ") ? permission : "the " + permission + " permission"));
        }
    }
}
