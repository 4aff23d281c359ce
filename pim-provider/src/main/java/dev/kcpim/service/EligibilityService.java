package dev.kcpim.service;

import dev.kcpim.domain.AuditAction;
import dev.kcpim.domain.EligibilityState;
import dev.kcpim.domain.EligibilityWindow;
import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.PimException;
import dev.kcpim.domain.Policy;
import dev.kcpim.domain.PrincipalType;
import dev.kcpim.domain.Texts;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.EligibilityEntity;
import jakarta.persistence.PersistenceException;
import org.jboss.logging.Logger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** Who may activate which role, directly or through a group (members of subgroups included). */
public final class EligibilityService {
    private static final Logger LOG = Logger.getLogger(EligibilityService.class);

    /** An eligibility that applies to a user now, and how (group path null when direct). */
    public record UserEligibility(EligibilityEntity entity, RoleModel role, String groupPath) {
        public EligibilityWindow window() {
            return EligibilityService.window(entity);
        }

        public boolean direct() {
            return groupPath == null;
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PimStore store;

    public EligibilityService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = PimStore.of(session);
    }

    public EligibilityView create(EligibilityCommand input, Instant now, AuditLog audit, GrantAuthorization authorization) {
        PrincipalType type = PrincipalType.parse(input.principalType());
        String principalId;
        String principalName;
        RoleModel role;
        if (type == PrincipalType.USER) {
            if (input.groupPath() != null) {
                throw new PimException(ErrorCode.INVALID_REQUEST, "groupPath is for GROUP principals");
            }
            UserModel user = Principals.user(session, realm, input.principalId(), input.username());
            if (user.getServiceAccountClientLink() != null) {
                throw new PimException(ErrorCode.INVALID_REQUEST, "service accounts cannot be made eligible");
            }
            principalId = user.getId();
            principalName = user.getUsername();
            role = Roles.resolve(session, realm, input.roleId(), input.roleName(), input.clientId());
            authorization.requireGrantToUser(user, role);
        } else {
            if (input.username() != null) {
                throw new PimException(ErrorCode.INVALID_REQUEST, "username is for USER principals");
            }
            GroupModel group = Principals.group(session, realm, input.principalId(), input.groupPath());
            principalId = group.getId();
            principalName = KeycloakModelUtils.buildGroupPath(group);
            role = Roles.resolve(session, realm, input.roleId(), input.roleName(), input.clientId());
            authorization.requireGrantToGroup(group, role);
        }
        String justification = Texts.requireText(input.justification(), "justification", Policy.MAX_JUSTIFICATION_LENGTH, false);
        Policy policy = new PolicyService(session, realm).effective(role);
        EligibilityWindow window = EligibilityWindow.forNewEligibility(policy,
                input.startsAt() == null ? null : Instant.ofEpochMilli(input.startsAt()),
                input.endsAt() == null ? null : Instant.ofEpochMilli(input.endsAt()), now);

        String currentKey = EligibilityEntity.currentKey(type, principalId, role.getId());
        store.eligibilities().releaseEndedKey(currentKey, now.toEpochMilli());
        for (EligibilityEntity existing : store.eligibilities().eligibilitiesOfPrincipal(realm.getId(), type, principalId)) {
            if (existing.getRoleId().equals(role.getId()) && (currentKey.equals(existing.getCurrentKey()) || overlaps(window(existing), window))) {
                throw new PimException(ErrorCode.CONFLICT, "this principal already has a current eligibility for this role: "
                        + existing.getId() + " (change its end with PATCH instead)");
            }
        }

        EligibilityEntity entity = new EligibilityEntity();
        entity.setCurrentKey(currentKey);
        entity.setId(KeycloakModelUtils.generateId());
        entity.setRealmId(realm.getId());
        entity.setPrincipalType(type);
        entity.setPrincipalId(principalId);
        entity.setRoleId(role.getId());
        entity.setStartsAt(window.startsAt().toEpochMilli());
        entity.setEndsAt(window.endsAt() == null ? null : window.endsAt().toEpochMilli());
        entity.setCreatedAt(now.toEpochMilli());
        entity.setCreatedBy(audit.actor().id());
        entity.setJustification(justification);
        ManagedRoles.ensure(session, realm, role.getId());
        insert(entity);

        audit.record(AuditLog.entry(AuditAction.ELIGIBILITY_CREATED)
                .user(type == PrincipalType.USER ? principalId : null).role(role.getId()).eligibility(entity.getId())
                .detail("principal", principalDetail(type, principalId, principalName))
                .detail("startsAt", entity.getStartsAt()).detail("endsAt", entity.getEndsAt())
                .detail("justification", justification));
        return new EligibilityView(entity, principalName, role, window.stateAt(now));
    }

    /**
     * Removes an eligibility. Requests that depend on it end too: an active or scheduled elevation is
     * revoked (mapping removed), a pending one cancelled.
     */
    public void delete(String id, Instant now, AuditLog audit, GrantAuthorization authorization) {
        EligibilityEntity entity = entity(id);
        requireGrant(entity, authorization);
        EligibilityView removed = view(entity, now);
        store.entityManager().remove(entity);
        store.flush();
        new BasisService(session, realm).reconcileEligibility(entity.getId(), now, audit);
        audit.record(AuditLog.entry(AuditAction.ELIGIBILITY_DELETED)
                .user(entity.getPrincipalType() == PrincipalType.USER ? entity.getPrincipalId() : null)
                .role(entity.getRoleId()).eligibility(entity.getId())
                .detail("principal", principalDetail(removed.principalType(), entity.getPrincipalId(), removed.principalName()))
                .detail("startsAt", entity.getStartsAt()).detail("endsAt", entity.getEndsAt()));
    }

    /**
     * Changes the end of an eligibility (null = permanent, where the policy allows it). Its open
     * requests follow at once: cut to the new end, or ended when the new end has passed.
     */
    public EligibilityView changeEnd(String id, Long endsAtMillis, Instant now, AuditLog audit, GrantAuthorization authorization) {
        EligibilityEntity entity = entity(id);
        RoleModel role = requireGrant(entity, authorization);
        Policy policy = new PolicyService(session, realm).effective(role);
        EligibilityWindow current = window(entity);
        Instant endsAt = endsAtMillis == null ? null : Instant.ofEpochMilli(endsAtMillis);
        EligibilityWindow changed = EligibilityWindow.withChangedEnd(policy, current, endsAt, now);
        Long previousEnd = entity.getEndsAt();
        entity.setEndsAt(endsAtMillis);
        entity.clearReminders();
        String key = EligibilityEntity.currentKey(entity.getPrincipalType(), entity.getPrincipalId(), entity.getRoleId());
        if (changed.stateAt(now) == EligibilityState.EXPIRED) {
            entity.setCurrentKey(null);
            store.flush();
        } else if (entity.getCurrentKey() == null) {
            store.eligibilities().releaseEndedKey(key, now.toEpochMilli());
            entity.setCurrentKey(key);
            flushOrConflict(key);
        } else {
            store.flush();
        }
        audit.record(AuditLog.entry(AuditAction.ELIGIBILITY_UPDATED)
                .user(entity.getPrincipalType() == PrincipalType.USER ? entity.getPrincipalId() : null)
                .role(entity.getRoleId()).eligibility(entity.getId())
                .detail("previousEndsAt", previousEnd).detail("endsAt", entity.getEndsAt()));
        new BasisService(session, realm).reconcileEligibility(entity.getId(), now, audit);
        return view(entity, now);
    }

    /** The admin must be allowed to map the eligibility's role to its principal, as for creating it. */
    private RoleModel requireGrant(EligibilityEntity entity, GrantAuthorization authorization) {
        RoleModel role = Roles.find(session, realm, entity.getRoleId());
        if (role == null) {
            throw new PimException(ErrorCode.NOT_FOUND, "the eligibility's role no longer exists");
        }
        if (entity.getPrincipalType() == PrincipalType.USER) {
            UserModel user = session.users().getUserById(realm, entity.getPrincipalId());
            if (user != null) {
                authorization.requireGrantToUser(user, role);
            }
        } else {
            GroupModel group = session.groups().getGroupById(realm, entity.getPrincipalId());
            if (group != null) {
                authorization.requireGrantToGroup(group, role);
            }
        }
        return role;
    }

    /** Inserts now: a concurrent current eligibility for the same principal and role fails here on the unique key. */
    private void insert(EligibilityEntity entity) {
        store.persist(entity);
        flushOrConflict(entity.getCurrentKey());
    }

    private void flushOrConflict(String key) {
        try {
            store.flush();
        } catch (PersistenceException | ModelException e) {
            throw new PimException(ErrorCode.CONFLICT, "this principal already has a current eligibility for this role (" + key + ")");
        }
    }

    /**
     * Gives eligibilities stored before 0.2.0 their current key, oldest first. Of overlapping
     * duplicates (which 0.1.0 could create under concurrency) only the oldest gets it; the others
     * keep working until they end or are deleted, and are logged.
     */
    public static void assignMissingCurrentKeys(KeycloakSession session, Instant now) {
        PimStore store = PimStore.of(session);
        for (EligibilityEntity e : store.eligibilities().eligibilitiesWithoutKey(now.toEpochMilli())) {
            String key = EligibilityEntity.currentKey(e.getPrincipalType(), e.getPrincipalId(), e.getRoleId());
            store.eligibilities().releaseEndedKey(key, now.toEpochMilli());
            if (store.eligibilities().eligibilityByCurrentKey(key).isEmpty()) {
                e.setCurrentKey(key);
                store.flush();
            } else {
                LOG.warnf("PIM eligibility %s in realm %s duplicates another current eligibility of the same principal and role (%s);"
                        + " delete one of them", e.getId(), e.getRealmId(), key);
            }
        }
    }

    public EligibilityView get(String id, Instant now) {
        return view(entity(id), now);
    }

    private EligibilityEntity entity(String id) {
        return store.eligibilities().eligibility(realm.getId(), id == null ? "" : id)
                .orElseThrow(() -> new PimException(ErrorCode.NOT_FOUND, "eligibility not found"));
    }

    /** Eligibilities of a role and of a user (id or username; directly and through groups), each filter optional. */
    public List<EligibilityView> search(EligibilityFilter filter, Instant now, int first, int max) {
        String roleFilter = filter.hasRole() ? Roles.resolve(session, realm, filter.roleId(), filter.roleName(), filter.clientId()).getId() : null;
        String userFilter = null;
        Map<String, String> groups = Map.of();
        if (filter.userId() != null || filter.username() != null) {
            UserModel user = Principals.user(session, realm, filter.userId(), filter.username());
            userFilter = user.getId();
            groups = Principals.effectiveGroups(user);
        }
        return store.eligibilities().searchEligibilities(realm.getId(), roleFilter, userFilter, groups.keySet(), filter.state(), now.toEpochMilli(), first, max)
                .stream().map(e -> view(e, now)).toList();
    }

    /**
     * The eligibilities that make the user eligible at {@code now} (state ELIGIBLE) for roles that
     * still exist, direct ones first, then the one that lasts longest.
     */
    public List<UserEligibility> eligibleNow(UserModel user, Instant now) {
        Map<String, String> groups = Principals.effectiveGroups(user);
        List<UserEligibility> result = new ArrayList<>();
        for (EligibilityEntity e : store.eligibilities().eligibilitiesOf(realm.getId(), user.getId(), groups.keySet())) {
            if (window(e).stateAt(now) != EligibilityState.ELIGIBLE) {
                continue;
            }
            RoleModel role = Roles.find(session, realm, e.getRoleId());
            if (role != null) {
                result.add(new UserEligibility(e, role, e.getPrincipalType() == PrincipalType.GROUP ? groups.get(e.getPrincipalId()) : null));
            }
        }
        result.sort(Comparator.comparing((UserEligibility u) -> !u.direct())
                .thenComparing(u -> u.entity().getEndsAt() == null ? Long.MAX_VALUE : u.entity().getEndsAt(), Comparator.reverseOrder())
                .thenComparing(u -> u.entity().getId()));
        return result;
    }

    public EligibilityView view(EligibilityEntity e, Instant now) {
        return new EligibilityView(e, principalName(e), Roles.find(session, realm, e.getRoleId()), window(e).stateAt(now));
    }

    private String principalName(EligibilityEntity e) {
        if (e.getPrincipalType() == PrincipalType.USER) {
            UserModel user = session.users().getUserById(realm, e.getPrincipalId());
            return user == null ? null : user.getUsername();
        }
        GroupModel group = session.groups().getGroupById(realm, e.getPrincipalId());
        return group == null ? null : KeycloakModelUtils.buildGroupPath(group);
    }

    /** The principal as the audit shows it: {@code {"type", "id", "name"}}. */
    private static Map<String, Object> principalDetail(PrincipalType type, String id, String name) {
        Map<String, Object> principal = new LinkedHashMap<>();
        principal.put("type", type.name());
        principal.put("id", id);
        principal.put("name", name);
        return principal;
    }

    public static EligibilityWindow window(EligibilityEntity e) {
        return new EligibilityWindow(Instant.ofEpochMilli(e.getStartsAt()), e.getEndsAt() == null ? null : Instant.ofEpochMilli(e.getEndsAt()));
    }

    private static boolean overlaps(EligibilityWindow a, EligibilityWindow b) {
        boolean aEndsBeforeB = a.endsAt() != null && !a.endsAt().isAfter(b.startsAt());
        boolean bEndsBeforeA = b.endsAt() != null && !b.endsAt().isAfter(a.startsAt());
        return !aEndsBeforeB && !bEndsBeforeA;
    }
}
