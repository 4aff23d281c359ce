package dev.kcpim.token;

import dev.kcpim.domain.TokenCap;
import dev.kcpim.service.ElevationCache;
import dev.kcpim.service.ElevationCache.Elevation;
import dev.kcpim.service.ElevationTokens;
import dev.kcpim.service.ManagedRoles;
import dev.kcpim.service.Roles;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
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
 * Applies {@link TokenCap} to every token issued to a user with elevations, at the server time
 * {@code now} the caller read: {@code exp} capped at the earliest {@code endsAt} of the running
 * elevations, roles of ended elevations left out even if the mapping still exists (fail closed), and
 * the {@code pim_elevations} claim; access tokens issued with running elevations are remembered
 * ({@link ElevationTokens}) so that an early end revokes them. No database lookup: the managed roles
 * come from Keycloak's realm cache, a user's elevations from its user cache ({@link ElevationCache};
 * a miss reads them once), shared per request by the mapper, the post-processor and the listener.
 */
public final class TokenGuard {
    public static final String CLAIM = "pim_elevations";
    public static final String DISABLED_ATTRIBUTE = "pim.tokenGuard";
    private static final String SESSION_KEY = "dev.kcpim.tokenGuard.";
    private static final String REMEMBERED_KEY = "dev.kcpim.tokenGuard.remembered.";
    private static final Logger LOG = Logger.getLogger(TokenGuard.class);

    /** At issuance: elevations still running, and those ended (overdue, or ended within the last minute) whose roles must not show. */
    public record Elevations(List<Elevation> running, List<Elevation> ended) {
        static final Elevations NONE = new Elevations(List.of(), List.of());

        /** The roles of elevations that still run are not left out because another elevation of them ended. */
        static Elevations of(List<Elevation> running, List<Elevation> ended) {
            Set<String> runningRoles = running.stream().map(Elevation::roleId).collect(Collectors.toSet());
            return new Elevations(List.copyOf(running), ended.stream().filter(r -> !runningRoles.contains(r.roleId())).toList());
        }

        boolean isEmpty() {
            return running.isEmpty() && ended.isEmpty();
        }
    }

    private TokenGuard() {
    }

    public static void apply(KeycloakSession session, RealmModel realm, UserModel user, IDToken token, long now) {
        if ("disabled".equals(realm.getAttribute(DISABLED_ATTRIBUTE))) {
            return;
        }
        Elevations elevations = elevationsOf(session, realm, user, now);
        if (elevations.isEmpty()) {
            return;
        }
        elevations.running().stream().mapToLong(Elevation::endsAt).min()
                .ifPresent(earliestEnd -> token.exp(TokenCap.cappedExp(token.getExp(), earliestEnd)));
        if (token instanceof AccessToken accessToken) {
            stripEnded(session, realm, user, elevations.ended(), accessToken);
        }
        if (elevations.running().isEmpty()) {
            token.getOtherClaims().remove(CLAIM);
            return;
        }
        token.getOtherClaims().put(CLAIM, elevations.running().stream()
                .map(r -> TokenCap.claimEntry(r.roleLabel(), r.id(), r.endsAt()))
                .toList());
    }

    /**
     * At issuance only (not for userinfo or introspection, which show an existing token), before
     * {@link #apply}: the access token is remembered for every running elevation, so that an early end
     * can revoke it, and an elevation the store says was ended early is ended for this request's tokens
     * (the check comes after the write, see {@link ElevationTokens}). Once per token; the mapper and the
     * post-processor both call it.
     */
    public static void issue(KeycloakSession session, RealmModel realm, UserModel user, AccessToken token, long now) {
        if ("disabled".equals(realm.getAttribute(DISABLED_ATTRIBUTE)) || token.getId() == null || token.getExp() == null
                || session.getAttribute(REMEMBERED_KEY + token.getId()) != null) {
            return;
        }
        session.setAttribute(REMEMBERED_KEY + token.getId(), Boolean.TRUE);
        String key = decidedKey(realm, user);
        Elevations decided = session.getAttribute(key, Elevations.class);
        Elevations current = decided != null ? decided : seen(session, realm, user, now);
        if (current.running().isEmpty()) {
            session.setAttribute(key, current);
            return;
        }
        long exp = TokenCap.cappedExp(token.getExp(), current.running().stream().mapToLong(Elevation::endsAt).min().getAsLong());
        session.setAttribute(key, lessEndedEarly(current, elevation -> ElevationTokens.register(session, elevation.id(), elevation.extensions(),
                elevation.endsAt(), token.getId(), exp, now)));
    }

    /**
     * The user's elevations as decided for this request's tokens: the running ones from Keycloak's user cache
     * ({@link ElevationCache}) and the server clock, less those the cluster-wide store says were ended early.
     */
    public static Elevations elevationsOf(KeycloakSession session, RealmModel realm, UserModel user, long now) {
        String key = decidedKey(realm, user);
        Elevations decided = session.getAttribute(key, Elevations.class);
        if (decided != null) {
            return decided;
        }
        Elevations result = lessEndedEarly(seen(session, realm, user, now), elevation -> !ElevationTokens.endedEarly(session, elevation.id()));
        session.setAttribute(key, result);
        return result;
    }

    /** The running elevations for which {@code stillRunning} says no move to the ended ones. */
    private static Elevations lessEndedEarly(Elevations seen, Predicate<Elevation> stillRunning) {
        if (seen.running().isEmpty()) {
            return seen;
        }
        List<Elevation> running = new ArrayList<>();
        List<Elevation> ended = new ArrayList<>(seen.ended());
        for (Elevation elevation : seen.running()) {
            (stillRunning.test(elevation) ? running : ended).add(elevation);
        }
        return Elevations.of(running, ended);
    }

    /** The elevations Keycloak's user cache and the server clock say run and ended, before any look at early ends; once per request. */
    private static Elevations seen(KeycloakSession session, RealmModel realm, UserModel user, long now) {
        String key = SESSION_KEY + "seen." + realm.getId() + ":" + user.getId();
        Elevations cached = session.getAttribute(key, Elevations.class);
        if (cached != null) {
            return cached;
        }
        Elevations result = Elevations.NONE;
        if (holdsManagedRole(session, realm, user)) {
            List<Elevation> running = new ArrayList<>();
            List<Elevation> ended = new ArrayList<>();
            for (Elevation r : ElevationCache.of(session, realm, user, now)) {
                switch (TokenCap.partOf(r.status(), r.endsAt(), r.mappingAdded(), now)) {
                    case RUNNING -> running.add(r);
                    case ENDED -> ended.add(r);
                    case NONE -> { }
                }
            }
            result = Elevations.of(running, ended);
            LOG.debugf("PIM token guard: user %s in realm %s has %d running and %d ended elevations", user.getId(), realm.getName(),
                    running.size(), ended.size());
        }
        session.setAttribute(key, result);
        return result;
    }

    private static String decidedKey(RealmModel realm, UserModel user) {
        return SESSION_KEY + realm.getId() + ":" + user.getId();
    }

    private static boolean holdsManagedRole(KeycloakSession session, RealmModel realm, UserModel user) {
        Set<String> managed = ManagedRoles.of(session, realm);
        return !managed.isEmpty() && user.getRoleMappingsStream().map(RoleModel::getId).anyMatch(managed::contains);
    }

    /** The earliest end (ms) of the user's running elevations at {@code now}; empty without one. Protocols other than OIDC cap their lifetimes at it. */
    public static OptionalLong earliestRunningEnd(KeycloakSession session, RealmModel realm, UserModel user, long now) {
        if ("disabled".equals(realm.getAttribute(DISABLED_ATTRIBUTE))) {
            return OptionalLong.empty();
        }
        return elevationsOf(session, realm, user, now).running().stream().mapToLong(Elevation::endsAt).min();
    }

    /**
     * The roles a token or assertion issued at {@code now} must not show: those of ended elevations,
     * with everything their composites contain, unless the user holds them some other way.
     */
    public static Collection<RoleModel> rolesToLeaveOut(KeycloakSession session, RealmModel realm, UserModel user, long now) {
        if ("disabled".equals(realm.getAttribute(DISABLED_ATTRIBUTE))) {
            return List.of();
        }
        return rolesToLeaveOut(session, realm, user, elevationsOf(session, realm, user, now).ended());
    }

    /** Removes the ended elevations' roles, with their composites, unless the user holds them some other way. */
    private static void stripEnded(KeycloakSession session, RealmModel realm, UserModel user, List<Elevation> ended, AccessToken token) {
        for (RoleModel role : rolesToLeaveOut(session, realm, user, ended)) {
            removeFrom(token, role);
        }
    }

    private static Collection<RoleModel> rolesToLeaveOut(KeycloakSession session, RealmModel realm, UserModel user, List<Elevation> ended) {
        Set<String> endedRoleIds = ended.stream().map(Elevation::roleId).collect(Collectors.toSet());
        if (endedRoleIds.isEmpty()) {
            return List.of();
        }
        Map<String, RoleModel> known = new HashMap<>();
        Set<String> otherRoleIds = new HashSet<>();
        user.getRoleMappingsStream().forEach(r -> otherRoleIds.add(remember(known, r)));
        user.getGroupsStream().forEach(group -> {
            for (GroupModel g = group; g != null; g = g.getParent()) {
                g.getRoleMappingsStream().forEach(r -> otherRoleIds.add(remember(known, r)));
            }
        });
        for (String roleId : endedRoleIds) {
            RoleModel role = Roles.find(session, realm, roleId);
            if (role != null) {
                remember(known, role);
            }
        }
        List<RoleModel> leaveOut = new ArrayList<>();
        for (String roleId : TokenCap.rolesToStrip(endedRoleIds, otherRoleIds, ids -> expand(ids, known))) {
            RoleModel role = known.get(roleId);
            if (role != null) {
                leaveOut.add(role);
            }
        }
        return leaveOut;
    }

    private static Set<String> expand(Set<String> roleIds, Map<String, RoleModel> known) {
        Set<RoleModel> roles = roleIds.stream().map(known::get).filter(r -> r != null).collect(Collectors.toSet());
        Set<String> ids = new HashSet<>();
        for (RoleModel role : RoleUtils.expandCompositeRoles(roles)) {
            ids.add(remember(known, role));
        }
        return ids;
    }

    private static String remember(Map<String, RoleModel> known, RoleModel role) {
        known.putIfAbsent(role.getId(), role);
        return role.getId();
    }

    private static void removeFrom(AccessToken token, RoleModel role) {
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
