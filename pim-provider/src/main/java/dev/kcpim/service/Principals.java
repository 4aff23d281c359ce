package dev.kcpim.service;

import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.PimException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** Users and groups of one realm, looked up the ways the contract allows. */
public final class Principals {
    private static final int MAX_REFERENCE_LENGTH = 255;

    private Principals() {
    }

    /** A user named in a request body or a query (id or username); an unknown one is 400 invalid_request naming it. */
    public static UserModel user(KeycloakSession session, RealmModel realm, String userId, String username) {
        UserModel user = null;
        if (userId != null && userId.length() <= MAX_REFERENCE_LENGTH) {
            user = session.users().getUserById(realm, userId);
        } else if (userId == null && username != null && username.length() <= MAX_REFERENCE_LENGTH) {
            user = session.users().getUserByUsername(realm, username);
        } else if (userId == null && username == null) {
            throw new PimException(ErrorCode.INVALID_REQUEST, "a user id or username is required");
        }
        if (user == null) {
            throw new PimException(ErrorCode.INVALID_REQUEST, userId != null
                    ? "no user with id " + shortened(userId) + " in this realm"
                    : "no user named " + shortened(username) + " in this realm");
        }
        return user;
    }

    /** A group named in a request body (id or path); an unknown one is 400 invalid_request naming it. */
    public static GroupModel group(KeycloakSession session, RealmModel realm, String groupId, String groupPath) {
        GroupModel group = null;
        if (groupId != null && groupId.length() <= MAX_REFERENCE_LENGTH) {
            group = session.groups().getGroupById(realm, groupId);
        } else if (groupId == null && groupPath != null && groupPath.length() <= 1024) {
            group = KeycloakModelUtils.findGroupByPath(session, realm, groupPath);
        } else if (groupId == null && groupPath == null) {
            throw new PimException(ErrorCode.INVALID_REQUEST, "a group id or groupPath is required");
        }
        if (group == null) {
            throw new PimException(ErrorCode.INVALID_REQUEST, groupId != null
                    ? "no group with id " + shortened(groupId) + " in this realm"
                    : "no group at path " + shortened(groupPath) + " in this realm");
        }
        return group;
    }

    /**
     * The groups that make a user eligible through GROUP eligibilities: the groups the user is a
     * member of and all their ancestors, by id, with their paths.
     */
    public static Map<String, String> effectiveGroups(UserModel user) {
        Map<String, String> paths = new LinkedHashMap<>();
        user.getGroupsStream().forEach(group -> {
            for (GroupModel g = group; g != null && !paths.containsKey(g.getId()); g = g.getParent()) {
                paths.put(g.getId(), KeycloakModelUtils.buildGroupPath(g));
            }
        });
        return paths;
    }

    private static String shortened(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }
}
