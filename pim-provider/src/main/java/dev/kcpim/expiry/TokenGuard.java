package dev.kcpim.expiry;

import dev.kcpim.domain.RequestStatus;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.RequestEntity;
import dev.kcpim.service.Roles;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

/**
 * What PIM does to every token issued to a user with elevations, decided by the server clock at
 * issuance: {@code exp} capped at the earliest {@code endsAt} of the active elevations, roles of
 * elevations whose window has ended left out even if the mapping still exists (fail closed), and the
 * {@code pim_elevations} claim. Users who hold no role PIM manages cost no database lookup; others
 * one indexed lookup per request.
 */
public final class TokenGuard {
    public static final String CLAIM = "pim_elevations";
    public static final String DISABLED_ATTRIBUTE = "pim.tokenGuard";
    private static final String SESSION_KEY = "dev.kcpim.tokenGuard.";
    /**
     * A token request may have read the user's role mappings just before an elevation ended and its
     * mapping was removed in another transaction. Roles of elevations that ended this recently are
     * left out of tokens even when the mapping still shows (a standing grant of the same role within
     * this minute is left out too, until the minute has passed: fail closed).
     */
    static final long RECENTLY_ENDED_MILLIS = 60_000;

    /** At issuance: elevations still running, and those ended (overdue, or ended within the last minute) whose roles must not show. */
    record Elevations(List<RequestEntity> running, List<RequestEntity> ended) {
        static final Elevations NONE = new Elevations(List.of(), List.of());

        boolean isEmpty() {
            return running.isEmpty() && ended.isEmpty();
        }
    }

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(TokenGuard.class);

    private TokenGuard() {
    }

    public static void apply(KeycloakSession session, RealmModel realm, UserModel user, IDToken token) {
        if ("disabled".equals(realm.getAttribute(DISABLED_ATTRIBUTE))) {
            return;
        }
        Elevations elevations = elevationsOf(session, realm, user);
        if (elevations.isEmpty()) {
            return;
        }
        long earliestEnd = elevations.running().stream().mapToLong(RequestEntity::getEndsAt).min().orElse(Long.MAX_VALUE);
        if (earliestEnd != Long.MAX_VALUE) {
            long capSeconds = earliestEnd / 1000;
            if (token.getExp() == null || token.getExp() == 0 || token.getExp() > capSeconds) {
                token.exp(capSeconds);
            }
        }
        if (token instanceof AccessToken accessToken) {
            stripEnded(session, realm, user, elevations.ended(), accessToken);
        }
        if (elevations.running().isEmpty()) {
            token.getOtherClaims().remove(CLAIM);
            return;
        }
        token.getOtherClaims().put(CLAIM, elevations.running().stream().map(r -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("role", r.getRoleClientId() == null ? r.getRoleName() : r.getRoleClientId() + "/" + r.getRoleName());
            entry.put("requestId", r.getId());
            entry.put("exp", r.getEndsAt() / 1000);
            return entry;
        }).toList());
    }

    /** The user's elevations as seen at issuance; one query per request, shared with the event listener. */
    static Elevations elevationsOf(KeycloakSession session, RealmModel realm, UserModel user) {
        String key = SESSION_KEY + realm.getId() + ":" + user.getId();
        Elevations cached = session.getAttribute(key, Elevations.class);
        if (cached != null) {
            return cached;
        }
        Elevations result = Elevations.NONE;
        if (ExpiryService.holdsManagedRole(session, realm, user)) {
            long now = Time.currentTimeMillis();
            List<RequestEntity> running = new ArrayList<>();
            List<RequestEntity> ended = new ArrayList<>();
            for (RequestEntity r : PimStore.of(session).tokenGuardRequestsOfUser(realm.getId(), user.getId(), now - RECENTLY_ENDED_MILLIS)) {
                if (r.getStatus() == RequestStatus.ACTIVE && r.getEndsAt() > now) {
                    running.add(r);
                } else if (r.getStatus() != RequestStatus.ACTIVE || r.isMappingAdded()) {
                    ended.add(r);
                }
            }
            Set<String> runningRoles = running.stream().map(RequestEntity::getRoleId).collect(Collectors.toSet());
            ended.removeIf(r -> runningRoles.contains(r.getRoleId()));
            result = new Elevations(running, ended);
            LOG.debugf("PIM token guard: user %s in realm %s has %d running and %d ended elevations", user.getId(), realm.getName(),
                    running.size(), ended.size());
        }
        session.setAttribute(key, result);
        return result;
    }

    /** Removes the ended elevations' roles, with their composites, unless the user holds them some other way. */
    private static void stripEnded(KeycloakSession session, RealmModel realm, UserModel user, List<RequestEntity> ended, AccessToken token) {
        Set<String> endedRoleIds = ended.stream().map(RequestEntity::getRoleId).collect(Collectors.toSet());
        if (endedRoleIds.isEmpty()) {
            return;
        }
        Set<RoleModel> endedRoles = new HashSet<>();
        for (String roleId : endedRoleIds) {
            RoleModel role = Roles.find(session, realm, roleId);
            if (role != null) {
                endedRoles.add(role);
            }
        }
        Set<RoleModel> remaining = user.getRoleMappingsStream().filter(r -> !endedRoleIds.contains(r.getId())).collect(Collectors.toSet());
        user.getGroupsStream().forEach(group -> addGroupRoles(group, remaining));
        Set<RoleModel> stillHeld = RoleUtils.expandCompositeRoles(remaining);
        for (RoleModel role : RoleUtils.expandCompositeRoles(endedRoles)) {
            if (stillHeld.contains(role)) {
                continue;
            }
            if (role.getContainer() instanceof ClientModel client) {
                AccessToken.Access access = token.getResourceAccess() == null ? null : token.getResourceAccess().get(client.getClientId());
                if (access != null && access.getRoles() != null) {
                    access.getRoles().remove(role.getName());
                    if (access.getRoles().isEmpty()) {
                        token.getResourceAccess().remove(client.getClientId());
                    }
                }
            } else if (token.getRealmAccess() != null && token.getRealmAccess().getRoles() != null) {
                token.getRealmAccess().getRoles().remove(role.getName());
            }
        }
    }

    private static void addGroupRoles(GroupModel group, Set<RoleModel> roles) {
        for (GroupModel g = group; g != null; g = g.getParent()) {
            g.getRoleMappingsStream().forEach(roles::add);
        }
    }
}
