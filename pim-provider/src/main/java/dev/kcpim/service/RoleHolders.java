package dev.kcpim.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.stream.Stream;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/** Who holds a role in Keycloak's terms: a direct mapping, a group's (or a parent group's), or a composite role that contains it. */
public final class RoleHolders {

    private RoleHolders() {
    }

    /** The role itself and every role of the realm (and of its clients) that contains it through composites. */
    public static List<RoleModel> rolesImplying(RealmModel realm, RoleModel role) {
        return Stream.concat(realm.getRolesStream(), realm.getClientsStream().flatMap(ClientModel::getRolesStream))
                .filter(candidate -> candidate.getId().equals(role.getId()) || candidate.hasRole(role))
                .toList();
    }

    /** The enabled users who hold the role by any of Keycloak's ways, at most {@code limit}. */
    public static Map<String, UserModel> enabledHolders(KeycloakSession session, RealmModel realm, RoleModel role, int limit) {
        Map<String, UserModel> holders = new LinkedHashMap<>();
        Set<String> visitedGroups = new HashSet<>();
        for (RoleModel implying : rolesImplying(realm, role)) {
            session.users().getRoleMembersStream(realm, implying, 0, limit).forEach(user -> addEnabled(holders, user, limit));
            session.groups().getGroupsByRoleStream(realm, implying, 0, limit)
                    .forEach(group -> addMembers(session, realm, holders, group, visitedGroups, limit));
        }
        return holders;
    }

    /** The members of the group and of its subgroups (a user in two of them appears twice). */
    public static Stream<UserModel> membersOf(KeycloakSession session, RealmModel realm, GroupModel group) {
        return Stream.concat(session.users().getGroupMembersStream(realm, group),
                group.getSubGroupsStream().flatMap(sub -> membersOf(session, realm, sub)));
    }

    /** Adds the enabled members of the group and of its subgroups (each group once). */
    public static void addMembers(KeycloakSession session, RealmModel realm, Map<String, UserModel> holders, GroupModel group,
                                  Set<String> visited, int limit) {
        if (group == null || !visited.add(group.getId()) || holders.size() >= limit) {
            return;
        }
        session.users().getGroupMembersStream(realm, group, 0, limit).forEach(user -> addEnabled(holders, user, limit));
        group.getSubGroupsStream().forEach(subgroup -> addMembers(session, realm, holders, subgroup, visited, limit));
    }

    private static void addEnabled(Map<String, UserModel> holders, UserModel user, int limit) {
        if (user != null && user.isEnabled() && holders.size() < limit) {
            holders.putIfAbsent(user.getId(), user);
        }
    }
}
