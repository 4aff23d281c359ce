package dev.kcpim.service;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Adds and removes the role mappings PIM manages, marking them in the session so that PIM's own
 * listeners can tell them from mappings an admin changes outside PIM.
 */
public final class RoleMappings {
    private static final String MARK = "dev.kcpim.mapping.";

    private RoleMappings() {
    }

    public static void grant(KeycloakSession session, UserModel user, RoleModel role) {
        session.setAttribute(key(user, role), Boolean.TRUE);
        user.grantRole(role);
    }

    /** Removes the mapping if the user still holds it directly; returns whether there was one. */
    public static boolean remove(KeycloakSession session, UserModel user, RoleModel role) {
        if (!user.hasDirectRole(role)) {
            return false;
        }
        session.setAttribute(key(user, role), Boolean.TRUE);
        user.deleteRoleMapping(role);
        return true;
    }

    /** Whether the current session changed this mapping on PIM's behalf. */
    public static boolean isPimChange(KeycloakSession session, UserModel user, RoleModel role) {
        return session.getAttribute(key(user, role)) != null;
    }

    private static String key(UserModel user, RoleModel role) {
        return MARK + user.getId() + ":" + role.getId();
    }
}
