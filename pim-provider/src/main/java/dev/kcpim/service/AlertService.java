package dev.kcpim.service;

import dev.kcpim.domain.Alert;
import dev.kcpim.domain.AlertRules;
import dev.kcpim.domain.AlertType;
import dev.kcpim.domain.PimSettings;
import dev.kcpim.domain.PrincipalType;
import dev.kcpim.jpa.AlertStore;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.EligibilityEntity;
import dev.kcpim.notify.EmailContent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Evaluates the realm's alerts now, from Keycloak's role mappings and PIM's tables, with the thresholds of
 * the realm's settings. Each alert lists at most {@value #MAX_ITEMS} items and counts them all.
 */
public final class AlertService {
    static final int MAX_ITEMS = 1000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AlertStore store;

    /** The users who hold a role now through PIM, by role: eligible (directly or through a group) or with an ACTIVE elevation. */
    private record Holders(Map<String, Map<String, UserModel>> byRole, Map<String, Set<String>> activeByRole) {
    }

    public AlertService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = PimStore.of(session).alerts();
    }

    /** Every alert of the realm that has at least one item, most severe first. */
    public List<Alert> evaluate(Instant now) {
        PimSettings settings = new SettingsService(realm).current();
        List<RoleModel> managed = managedRoles();
        List<Alert> alerts = new ArrayList<>();
        if (managed.isEmpty()) {
            return alerts;
        }
        List<EligibilityEntity> eligibilities = store.eligibilitiesInForce(realm.getId(), now.toEpochMilli());
        Map<String, RoleModel> roles = new LinkedHashMap<>();
        managed.forEach(role -> roles.put(role.getId(), role));
        Holders holders = holders(eligibilities, roles);

        add(alerts, AlertType.STANDING_ACCESS, standingAccess(managed), now);
        add(alerts, AlertType.STALE_ACCOUNT, staleAccounts(holders, roles, settings, now), now);
        add(alerts, AlertType.ROLE_WITHOUT_OTP, rolesWithoutOtp(managed), now);
        add(alerts, AlertType.TOO_MANY_HOLDERS, tooManyHolders(holders, roles, settings), now);
        add(alerts, AlertType.UNUSED_ELIGIBILITY, unusedEligibilities(eligibilities, roles, settings, now), now);
        add(alerts, AlertType.FREQUENT_ACTIVATION, frequentActivations(roles, settings, now), now);
        return alerts;
    }

    /** The STANDING_ACCESS items alone (what the admins are emailed about). */
    public List<Alert.Item> standingAccess() {
        return standingAccess(managedRoles());
    }

    private List<Alert.Item> standingAccess(List<RoleModel> managed) {
        return managed.isEmpty() ? List.of() : new StandingAccessService(session, realm).holdersOutsidePim(managed);
    }

    private List<RoleModel> managedRoles() {
        List<RoleModel> roles = new ArrayList<>();
        for (String id : ManagedRoles.of(session, realm)) {
            RoleModel role = Roles.find(session, realm, id);
            if (role != null) {
                roles.add(role);
            }
        }
        return roles;
    }

    private Holders holders(List<EligibilityEntity> eligibilities, Map<String, RoleModel> roles) {
        Map<String, Map<String, UserModel>> byRole = new LinkedHashMap<>();
        Map<String, UserModel> users = new LinkedHashMap<>();
        for (EligibilityEntity e : eligibilities) {
            if (!roles.containsKey(e.getRoleId())) {
                continue;
            }
            Map<String, UserModel> holders = byRole.computeIfAbsent(e.getRoleId(), id -> new LinkedHashMap<>());
            if (e.getPrincipalType() == PrincipalType.USER) {
                UserModel user = users.computeIfAbsent(e.getPrincipalId(), id -> session.users().getUserById(realm, id));
                if (user != null) {
                    holders.put(user.getId(), user);
                }
            } else {
                GroupModel group = session.groups().getGroupById(realm, e.getPrincipalId());
                RoleHolders.addMembers(session, realm, holders, group, new HashSet<>(), Integer.MAX_VALUE);
            }
        }
        Map<String, Set<String>> activeByRole = new LinkedHashMap<>();
        for (AlertStore.Holding active : store.activeElevations(realm.getId())) {
            if (!roles.containsKey(active.roleId())) {
                continue;
            }
            activeByRole.computeIfAbsent(active.roleId(), id -> new HashSet<>()).add(active.userId());
            Map<String, UserModel> holders = byRole.computeIfAbsent(active.roleId(), id -> new LinkedHashMap<>());
            if (!holders.containsKey(active.userId())) {
                UserModel user = users.computeIfAbsent(active.userId(), id -> session.users().getUserById(realm, id));
                if (user != null) {
                    holders.put(user.getId(), user);
                }
            }
        }
        return new Holders(byRole, activeByRole);
    }

    private List<Alert.Item> staleAccounts(Holders holders, Map<String, RoleModel> roles, PimSettings settings, Instant now) {
        Set<String> userIds = new HashSet<>();
        holders.byRole().values().forEach(users -> userIds.addAll(users.keySet()));
        Map<String, Long> lastLogins = store.lastLogins(realm.getId(), userIds);
        Instant recordingSince = LoginRecords.recordingSince(realm, now);
        List<Alert.Item> items = new ArrayList<>();
        holders.byRole().forEach((roleId, users) -> users.values().forEach(user -> {
            Long lastLogin = lastLogins.get(user.getId());
            Instant created = user.getCreatedTimestamp() == null ? null : Instant.ofEpochMilli(user.getCreatedTimestamp());
            if (user.isEnabled() && AlertRules.isStale(lastLogin == null ? null : Instant.ofEpochMilli(lastLogin), created, recordingSince,
                    now, settings.staleAccountDays())) {
                String how = holders.activeByRole().getOrDefault(roleId, Set.of()).contains(user.getId()) ? "active" : "eligible";
                String detail = (lastLogin == null ? "no sign-in since " + EmailContent.time(Math.max(recordingSince.toEpochMilli(),
                        created == null ? 0 : created.toEpochMilli())) : "last sign-in " + EmailContent.time(lastLogin)) + "; " + how;
                items.add(item(user, roles.get(roleId), detail));
            }
        }));
        return items;
    }

    private List<Alert.Item> rolesWithoutOtp(Collection<RoleModel> managed) {
        PolicyService policies = new PolicyService(session, realm);
        return managed.stream().filter(role -> !policies.effective(role).requireOtp())
                .map(role -> new Alert.Item(null, null, role.getId(), Roles.qualifiedName(role), "the policy does not require OTP"))
                .toList();
    }

    private List<Alert.Item> tooManyHolders(Holders holders, Map<String, RoleModel> roles, PimSettings settings) {
        List<Alert.Item> items = new ArrayList<>();
        holders.byRole().forEach((roleId, users) -> {
            if (users.size() > settings.tooManyHoldersThreshold()) {
                RoleModel role = roles.get(roleId);
                items.add(new Alert.Item(null, null, roleId, Roles.qualifiedName(role), users.size() + " eligible or active holders (more than "
                        + settings.tooManyHoldersThreshold() + ")"));
            }
        });
        return items;
    }

    private List<Alert.Item> unusedEligibilities(List<EligibilityEntity> eligibilities, Map<String, RoleModel> roles, PimSettings settings,
                                                 Instant now) {
        Instant windowStart = now.minus(Duration.ofDays(settings.unusedEligibilityDays()));
        Map<String, Long> lastActivations = store.lastActivationPerEligibility(realm.getId(), windowStart.toEpochMilli());
        List<Alert.Item> items = new ArrayList<>();
        for (EligibilityEntity e : eligibilities) {
            RoleModel role = roles.get(e.getRoleId());
            Long last = lastActivations.get(e.getId());
            if (role == null || !AlertRules.isUnused(Instant.ofEpochMilli(e.getStartsAt()), last == null ? null : Instant.ofEpochMilli(last), now,
                    settings.unusedEligibilityDays())) {
                continue;
            }
            String detail = "eligible since " + EmailContent.time(e.getStartsAt()) + ", not activated for "
                    + settings.unusedEligibilityDays() + " days (eligibility " + e.getId() + ")";
            if (e.getPrincipalType() == PrincipalType.USER) {
                UserModel user = session.users().getUserById(realm, e.getPrincipalId());
                items.add(new Alert.Item(e.getPrincipalId(), user == null ? null : user.getUsername(), role.getId(), Roles.qualifiedName(role), detail));
            } else {
                GroupModel group = session.groups().getGroupById(realm, e.getPrincipalId());
                String path = group == null ? e.getPrincipalId() : KeycloakModelUtils.buildGroupPath(group);
                items.add(new Alert.Item(null, null, role.getId(), Roles.qualifiedName(role), "group " + path + ": " + detail));
            }
        }
        return items;
    }

    private List<Alert.Item> frequentActivations(Map<String, RoleModel> roles, PimSettings settings, Instant now) {
        long since = now.minus(Duration.ofHours(settings.frequentActivationWindowHours())).toEpochMilli();
        List<Alert.Item> items = new ArrayList<>();
        for (AlertStore.ActivationCount count : store.activationsAbove(realm.getId(), since, settings.frequentActivationCount())) {
            RoleModel role = roles.get(count.roleId());
            if (role != null) {
                items.add(new Alert.Item(count.userId(), count.username(), role.getId(), Roles.qualifiedName(role), count.count()
                        + " activation requests within " + settings.frequentActivationWindowHours() + " hours (more than "
                        + settings.frequentActivationCount() + ")"));
            }
        }
        return items;
    }

    private static Alert.Item item(UserModel user, RoleModel role, String detail) {
        return new Alert.Item(user.getId(), user.getUsername(), role.getId(), Roles.qualifiedName(role), detail);
    }

    private static void add(List<Alert> alerts, AlertType type, List<Alert.Item> items, Instant now) {
        if (!items.isEmpty()) {
            alerts.add(new Alert(type, items.size(), items.subList(0, Math.min(MAX_ITEMS, items.size())), now));
        }
    }
}
