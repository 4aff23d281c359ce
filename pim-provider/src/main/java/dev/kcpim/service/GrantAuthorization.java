package dev.kcpim.service;

import org.keycloak.models.GroupModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Whether the acting admin may hand out (or take away) a role through PIM: exactly where they could
 * map that role directly with Keycloak's own role-mapping API. Services call it as soon as they have
 * resolved the principal and the role, before anything is stored. Throws {@code forbidden}.
 */
public interface GrantAuthorization {

    void requireGrantToUser(UserModel user, RoleModel role);

    void requireGrantToGroup(GroupModel group, RoleModel role);

    /** A policy decides who may activate the role, so changing it needs the right to map the role. */
    void requirePolicyChange(RoleModel role);

    /** For work PIM does on its own behalf (expiry task, listeners): nothing to check. */
    GrantAuthorization SYSTEM = new GrantAuthorization() {
        @Override
        public void requireGrantToUser(UserModel user, RoleModel role) {
        }

        @Override
        public void requireGrantToGroup(GroupModel group, RoleModel role) {
        }

        @Override
        public void requirePolicyChange(RoleModel role) {
        }
    };
}
