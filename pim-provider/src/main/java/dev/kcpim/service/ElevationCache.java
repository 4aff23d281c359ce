package dev.kcpim.service;

import dev.kcpim.domain.RequestStatus;
import dev.kcpim.domain.TokenCap;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.RequestEntity;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.cache.CachedUserModel;
import org.keycloak.models.cache.UserCache;
import org.keycloak.models.utils.UserModelDelegate;

/**
 * A user's elevations as the token path needs them, cached with the user in Keycloak's own user cache
 * ({@link CachedUserModel#getCachedWith()}), so that a token request reads no table. The entry lives
 * and dies with Keycloak's cache entry of the user: every PIM change of a request calls
 * {@link #invalidate}, which evicts the user through Keycloak's {@link UserCache} — on this node and,
 * through Keycloak's cluster invalidation events, on every other, when the transaction commits (as a
 * role-mapping change does). A miss (user not cached, entry evicted, user cache disabled) reads the
 * database once and fills the entry.
 *
 * <p>Fail closed: the entry holds rows, not decisions. Whether an elevation still runs is decided at
 * each token from its {@code endsAt} and the server clock, so an entry older than an elevation's end
 * never lets a token carry the ended role.
 */
public final class ElevationCache {
    private static final String KEY = "dev.kcpim.elevations";
    private static final LongAdder DATABASE_READS = new LongAdder();

    /** One of the user's requests, as far as tokens are concerned; detached from the persistence context. */
    public record Elevation(String id, String roleId, String roleName, String roleClientId, RequestStatus status,
                            long endsAt, Long endedAt, boolean mappingAdded, int extensions) {
        static Elevation of(RequestEntity r) {
            return new Elevation(r.getId(), r.getRoleId(), r.getRoleName(), r.getRoleClientId(), r.getStatus(), r.getEndsAt(),
                    r.getEndedAt(), r.isMappingAdded(), r.getExtensions());
        }

        /** The role as the {@code pim_elevations} claim names it. */
        public String roleLabel() {
            return roleClientId == null ? roleName : roleClientId + "/" + roleName;
        }
    }

    /** What was read at {@code readAt}: the ACTIVE requests and those that ended after starting since {@code readAt} − the recently-ended window. */
    record Entry(List<Elevation> elevations, long readAt) {
        /** Usable at {@code now} unless the clock went back (then rows ended before the window read might count again). */
        boolean coversTime(long now) {
            return now >= readAt;
        }

        List<Elevation> at(long now) {
            long endedSince = now - TokenCap.RECENTLY_ENDED_MILLIS;
            return elevations.stream().filter(e -> e.status() == RequestStatus.ACTIVE || e.endedAt() != null && e.endedAt() >= endedSince).toList();
        }
    }

    private ElevationCache() {
    }

    /** The user's ACTIVE requests and those that ended (after starting) within {@link TokenCap#RECENTLY_ENDED_MILLIS} of {@code now}. */
    public static List<Elevation> of(KeycloakSession session, RealmModel realm, UserModel user, long now) {
        CachedUserModel cached = user instanceof CachedUserModel c ? c : null;
        if (cached != null && cached.getCachedWith().get(KEY) instanceof Entry entry && entry.coversTime(now)) {
            return entry.at(now);
        }
        DATABASE_READS.increment();
        List<Elevation> elevations = PimStore.of(session).requests()
                .tokenGuardRequestsOfUser(realm.getId(), user.getId(), now - TokenCap.RECENTLY_ENDED_MILLIS).stream()
                .map(Elevation::of).toList();
        if (cached != null) {
            cached.getCachedWith().put(KEY, new Entry(elevations, now));
        }
        return elevations;
    }

    /**
     * A request of the user changed (created, started, ended, shortened): Keycloak's cache entry of the
     * user, and with it the elevations cached with it, is dropped on every node when the transaction
     * commits.
     */
    public static void invalidate(KeycloakSession session, RealmModel realm, UserModel user) {
        UserCache userCache = session.getProvider(UserCache.class);
        if (userCache != null && user != null) {
            // Evicting Keycloak's cached adapter itself would load the user from the database first (it prepares
            // for an update); a plain view of it makes the cache register the same invalidations without that.
            userCache.evict(realm, user instanceof CachedUserModel ? new UserModelDelegate(user) : user);
        }
    }

    /** How often the token path read the database since the server started (a cache miss each); for tests and troubleshooting. */
    public static long databaseReads() {
        return DATABASE_READS.sum();
    }
}
