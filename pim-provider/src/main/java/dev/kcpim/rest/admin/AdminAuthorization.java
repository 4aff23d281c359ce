package dev.kcpim.rest.admin;

import dev.kcpim.domain.ErrorCode;
import dev.kcpim.rest.Rest;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** The contract's admin permissions: view-users to read, manage-users to change grants, manage-realm for policies. */
final class AdminAuthorization {
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

    void requireManageRealm() {
        require(auth.realm().canManageRealm(), "manage-realm");
    }

    private void require(boolean allowed, String permission) {
        if (!allowed) {
            LOG.warnf("PIM admin request denied in realm %s: user %s (client %s) lacks %s", realm.getName(),
                    auth.adminAuth().getUser().getId(), auth.adminAuth().getClient().getClientId(), permission);
            throw Rest.error(ErrorCode.FORBIDDEN, "this needs the " + permission + " permission");
        }
    }
}
