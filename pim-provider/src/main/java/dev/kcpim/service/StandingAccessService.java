package dev.kcpim.service;

import dev.kcpim.domain.Alert;
import dev.kcpim.domain.AuditAction;
import dev.kcpim.jpa.AlertStore;
import dev.kcpim.jpa.PimStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.RoleUtils;

/**
 * Audits every way Keycloak lets us see a PIM-managed role being held outside PIM: a direct
 * mapping, joining a group that confers it, a group being granted it, or the role becoming a
 * composite of a role someone holds. One {@code STANDING_ACCESS_GRANTED} entry per user and role,
 * with the way it came ({@code via}).
 */
public final class StandingAccessService {
    private static final Logger LOG = Logger.getLogger(StandingAccessService.class);
    /** One admin change can reach every user of a realm (a managed role added to the default roles): audit at most this many users each time. */
    static final int MAX_ENTRIES_PER_CHANGE = 1000;

    private final KeycloakSession session;
    private final RealmModel realm;

    private record Holder(UserModel user, String via) {
    }

    public StandingAccessService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public void roleGranted(UserModel user, RoleModel role) {
        if (RoleMappings.isPimChange(session, user, role)) {
            return;
        }
        Set<RoleModel> managed = managedIn(Set.of(role));
        record(Map.of(user.getId(), new Holder(user, "direct role mapping" + (managed.contains(role) ? "" : " of " + Roles.qualifiedName(role)))), managed);
    }

    public void groupJoined(UserModel user, GroupModel group) {
        Set<RoleModel> conferred = new HashSet<>();
        for (GroupModel g = group; g != null; g = g.getParent()) {
            g.getRoleMappingsStream().forEach(conferred::add);
        }
        record(Map.of(user.getId(), new Holder(user, "membership of group " + KeycloakModelUtils.buildGroupPath(group))), managedIn(conferred));
    }

    public void rolesGrantedToGroup(GroupModel group, Collection<RoleModel> roles) {
        Set<RoleModel> managed = managedIn(roles);
        if (managed.isEmpty()) {
            return;
        }
        Map<String, Holder> members = new LinkedHashMap<>();
        collectMembers(group, "role mapping of group " + KeycloakModelUtils.buildGroupPath(group), members);
        record(members, managed);
    }

    public void compositesAdded(RoleModel parent, Collection<RoleModel> added) {
        Set<RoleModel> managed = managedIn(added);
        if (managed.isEmpty()) {
            return;
        }
        Map<String, Holder> holders = new LinkedHashMap<>();
        for (RoleModel container : RoleHolders.rolesImplying(realm, parent)) {
            String via = "composite role " + Roles.qualifiedName(container);
            session.users().getRoleMembersStream(realm, container).forEach(u -> holders.putIfAbsent(u.getId(), new Holder(u, via)));
            session.groups().getGroupsStream(realm).filter(g -> g.hasDirectRole(container))
                    .forEach(g -> collectMembers(g, via + " of group " + KeycloakModelUtils.buildGroupPath(g), holders));
        }
        record(holders, managed);
    }

    /**
     * Everyone who holds one of the managed roles outside PIM now, one item per user and role (the first way found):
     * a direct mapping no ACTIVE elevation accounts for, a group's mapping (members of its subgroups too), or a
     * composite role held either way (a managed composite only outside PIM).
     */
    public List<Alert.Item> holdersOutsidePim(Collection<RoleModel> managed) {
        Map<String, Alert.Item> items = new LinkedHashMap<>();
        Map<String, RoleModel> byId = new LinkedHashMap<>();
        managed.forEach(role -> byId.put(role.getId(), role));
        AlertStore store = PimStore.of(session).alerts();
        for (AlertStore.Holding holding : store.directMappingsOutsidePim(realm.getId(), byId.keySet())) {
            RoleModel role = byId.get(holding.roleId());
            add(items, holding.userId(), holding.username(), role, "direct role mapping", Alert.Via.DIRECT);
        }
        for (RoleModel role : managed) {
            session.groups().getGroupsByRoleStream(realm, role, -1, -1).forEach(g -> addMembers(items, g, role,
                    "role mapping of group " + KeycloakModelUtils.buildGroupPath(g), Alert.Via.GROUP));
            for (RoleModel container : RoleHolders.rolesImplying(realm, role)) {
                if (container.getId().equals(role.getId())) {
                    continue;
                }
                String via = "composite role " + Roles.qualifiedName(container);
                if (byId.containsKey(container.getId())) {
                    store.directMappingsOutsidePim(realm.getId(), List.of(container.getId()))
                            .forEach(h -> add(items, h.userId(), h.username(), role, via, Alert.Via.COMPOSITE));
                } else {
                    session.users().getRoleMembersStream(realm, container)
                            .forEach(u -> add(items, u.getId(), u.getUsername(), role, via, Alert.Via.COMPOSITE));
                }
                session.groups().getGroupsByRoleStream(realm, container, -1, -1)
                        .forEach(g -> addMembers(items, g, role, via + " through group " + KeycloakModelUtils.buildGroupPath(g), Alert.Via.COMPOSITE));
            }
        }
        return new ArrayList<>(items.values());
    }

    private void addMembers(Map<String, Alert.Item> items, GroupModel group, RoleModel role, String detail, Alert.Via via) {
        RoleHolders.membersOf(session, realm, group).forEach(u -> add(items, u.getId(), u.getUsername(), role, detail, via));
    }

    private static void add(Map<String, Alert.Item> items, String userId, String username, RoleModel role, String detail, Alert.Via via) {
        items.putIfAbsent(userId + ":" + role.getId(), new Alert.Item(userId, username, role.getId(), Roles.qualifiedName(role), detail, via));
    }

    /** The PIM-managed roles among the given roles and their composites. */
    private Set<RoleModel> managedIn(Collection<RoleModel> roles) {
        Set<String> managedIds = ManagedRoles.of(session, realm);
        Set<RoleModel> managed = new LinkedHashSet<>();
        if (managedIds.isEmpty()) {
            return managed;
        }
        for (RoleModel role : RoleUtils.expandCompositeRoles(new HashSet<>(roles))) {
            if (managedIds.contains(role.getId())) {
                managed.add(role);
            }
        }
        return managed;
    }

    private void collectMembers(GroupModel group, String via, Map<String, Holder> members) {
        RoleHolders.membersOf(session, realm, group).forEach(u -> members.putIfAbsent(u.getId(), new Holder(u, via)));
    }

    private void record(Map<String, Holder> users, Set<RoleModel> managed) {
        if (managed.isEmpty() || users.isEmpty()) {
            return;
        }
        AuditLog audit = new AuditLog(session, realm, Actor.SYSTEM, EventChannel.NONE);
        int written = 0;
        for (Holder holder : users.values()) {
            for (RoleModel role : managed) {
                if (written++ == MAX_ENTRIES_PER_CHANGE) {
                    audit.record(AuditLog.entry(AuditAction.STANDING_ACCESS_GRANTED).role(role.getId())
                            .detail("role", Roles.qualifiedName(role)).detail("via", holder.via())
                            .detail("truncated", "more than " + MAX_ENTRIES_PER_CHANGE + " user-role pairs; the rest are not listed"));
                    return;
                }
                UserModel user = holder.user();
                LOG.warnf("Standing access outside PIM in realm %s: user %s holds role %s through %s", realm.getName(), user.getId(),
                        role.getId(), holder.via());
                audit.record(AuditLog.entry(AuditAction.STANDING_ACCESS_GRANTED).user(user.getId()).role(role.getId())
                        .detail("username", user.getUsername()).detail("role", Roles.qualifiedName(role)).detail("via", holder.via()));
            }
        }
    }
}
