package dev.kcpim.service;

import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.PimException;
import dev.kcpim.domain.Texts;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

/** Resolves the contract's role references (by id, realm role name, or clientId + name) inside one realm. */
public final class Roles {
    private static final int MAX_REFERENCE_LENGTH = 255;

    private Roles() {
    }

    /**
     * A role named in a request body or a query: by id, realm role name, or clientId + name. An
     * unknown one is the caller's bad input (400 invalid_request naming it), not a missing URL.
     */
    public static RoleModel resolve(KeycloakSession session, RealmModel realm, String roleId, String roleName, String clientId) {
        checkLength("roleId", roleId);
        checkLength("roleName", roleName);
        checkLength("clientId", clientId);
        if (roleId != null) {
            RoleModel role = find(session, realm, roleId);
            if (role == null) {
                throw new PimException(ErrorCode.INVALID_REQUEST, "no role with id " + roleId + " in this realm");
            }
            return role;
        }
        if (Texts.isBlank(roleName)) {
            throw new PimException(ErrorCode.INVALID_REQUEST, "roleId, or roleName (with clientId for a client role), is required");
        }
        if (clientId == null) {
            RoleModel role = realm.getRole(roleName);
            if (role == null) {
                throw new PimException(ErrorCode.INVALID_REQUEST, "no realm role named " + roleName + " in this realm");
            }
            return role;
        }
        ClientModel client = realm.getClientByClientId(clientId);
        if (client == null) {
            throw new PimException(ErrorCode.INVALID_REQUEST, "no client " + clientId + " in this realm");
        }
        RoleModel role = client.getRole(roleName);
        if (role == null) {
            throw new PimException(ErrorCode.INVALID_REQUEST, "client " + clientId + " has no role named " + roleName);
        }
        return role;
    }

    /** A role of this realm (realm role or role of one of its clients); any other id is "not found". */
    public static RoleModel byId(KeycloakSession session, RealmModel realm, String roleId) {
        RoleModel role = roleId == null || roleId.length() > MAX_REFERENCE_LENGTH ? null : session.roles().getRoleById(realm, roleId);
        if (role == null || !belongsTo(role, realm)) {
            throw new PimException(ErrorCode.NOT_FOUND, "role not found");
        }
        return role;
    }

    /** The role if it still exists in this realm, else null. */
    public static RoleModel find(KeycloakSession session, RealmModel realm, String roleId) {
        RoleModel role = roleId == null || roleId.length() > MAX_REFERENCE_LENGTH ? null : session.roles().getRoleById(realm, roleId);
        return role != null && belongsTo(role, realm) ? role : null;
    }

    public static boolean belongsTo(RoleModel role, RealmModel realm) {
        if (role.getContainer() instanceof ClientModel client) {
            return client.getRealm().getId().equals(realm.getId());
        }
        if (role.getContainer() instanceof RealmModel owner) {
            return owner.getId().equals(realm.getId());
        }
        return false;
    }

    /** The clientId of a client role; null for a realm role. */
    public static String clientId(RoleModel role) {
        return role.getContainer() instanceof ClientModel client ? client.getClientId() : null;
    }

    /** "name" for a realm role, "clientId/name" for a client role (as in the pim_elevations claim). */
    public static String qualifiedName(RoleModel role) {
        return role.getContainer() instanceof ClientModel client ? client.getClientId() + "/" + role.getName() : role.getName();
    }

    private static void checkLength(String field, String value) {
        if (value != null && value.length() > MAX_REFERENCE_LENGTH) {
            throw new PimException(ErrorCode.INVALID_REQUEST, field + " must be at most " + MAX_REFERENCE_LENGTH + " characters");
        }
    }
}
