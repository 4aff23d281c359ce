package dev.kcpim.service;

import dev.kcpim.jpa.entity.RequestEntity;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.RevokedTokenProvider;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * The access tokens issued while an elevation runs, so that an early end can revoke them in Keycloak's
 * own revoked-token store ({@code session.revokedTokens()}, what the revocation endpoint uses):
 * introspection, userinfo and every bearer check then refuse them. Tokens issued before the
 * elevation, and refresh tokens, are not touched.
 *
 * <p>The ids live in Keycloak's single-use object store (cluster-wide, with lifespans; no store of
 * PIM's own) in numbered chunks per request, {@code pim.tokens.<request>.c<n>}, each holding up to
 * {@value #CHUNK_SIZE} token ids (id → {@code exp}). A node claims the next free chunk with
 * {@code putIfAbsent} (atomic across the cluster) and fills it alone, writing the whole chunk again for
 * each token it adds; chunks are never freed before their common lifespan (the elevation's end plus a
 * margin; tokens are capped at that end), so they stay contiguous and an end reads them from 0 until
 * the first missing one.
 *
 * <p>The order makes an end and an issuance that race safe: a token is written into its chunk
 * <em>before</em> it looks for the end's mark {@code pim.tokens.<request>.ended}, and an end sets that
 * mark before it reads the chunks. A token that does not see the mark was therefore written before the
 * end read its chunk, and is revoked with the others; a token that sees it leaves the role out. Both
 * writes are made at once, in a transaction of their own ({@link Store#putNow}): Keycloak's own
 * {@code put} waits for the caller's commit, which is after the token has left or the end's chunks were
 * read. This check after the write is also how a node whose user cache has not yet received the end's
 * invalidation still leaves the role out. Per token: one write and one read.
 *
 * <p>Each extension of the elevation starts a new generation of chunks, {@code pim.tokens.<request>.g<extensions>.c<n>},
 * with the new end's lifespan: an earlier generation's chunks expire with their tokens (capped at that
 * generation's end), so no generation ever has a gap; an end reads every generation. Where a node
 * starts looking for a free chunk is a hint kept on this node (after the last one it claimed); at most
 * once a second its current chunk's first predecessor is checked, so that a store that lost its
 * entries (restarted, or an external one wiped) is filled from chunk 0 again.
 */
public final class ElevationTokens {
    private static final Logger LOG = Logger.getLogger(ElevationTokens.class);
    private static final String PREFIX = "pim.tokens.";
    private static final long MARGIN_SECONDS = 120;
    static final int CHUNK_SIZE = 16;
    /** Far more tokens than one elevation can need; beyond it, new tokens of the elevation are capped at its end but not revocable early. */
    static final int MAX_CHUNKS = 10_000;
    /** Series of elevations that ended are dropped when a new one is added and there are more than this. */
    private static final int SERIES_BEFORE_CLEAN_UP = 1_000;
    private static final long STORE_CHECK_MILLIS = 1_000;
    private static final ConcurrentHashMap<String, Series> SERIES = new ConcurrentHashMap<>();

    /** The single-use store's operations the protocol uses, with {@link #putNow} visible to every node when it returns. */
    interface Store {
        boolean putIfAbsent(String key, long lifespanSeconds);

        void putNow(String key, long lifespanSeconds, Map<String, String> notes);

        Map<String, String> get(String key);

        boolean contains(String key);
    }

    /**
     * Keycloak's single-use store of the session; {@code putNow} commits a session of its own, outside JTA: it
     * writes to the store alone, and a JTA transaction (suspending the caller's) was a fifth of its cost.
     */
    static Store storeOf(KeycloakSession session) {
        SingleUseObjectProvider objects = session.singleUseObjects();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        return new Store() {
            @Override
            public boolean putIfAbsent(String key, long lifespanSeconds) {
                return objects.putIfAbsent(key, lifespanSeconds);
            }

            @Override
            public void putNow(String key, long lifespanSeconds, Map<String, String> notes) {
                try (KeycloakSession own = factory.create()) {
                    KeycloakTransactionManager transaction = own.getTransactionManager();
                    transaction.setJTAPolicy(KeycloakTransactionManager.JTAPolicy.NOT_SUPPORTED);
                    transaction.begin();
                    try {
                        own.singleUseObjects().put(key, lifespanSeconds, notes);
                    } catch (RuntimeException e) {
                        transaction.setRollbackOnly();
                        throw e;
                    }
                    transaction.commit();
                }
            }

            @Override
            public Map<String, String> get(String key) {
                return objects.get(key);
            }

            @Override
            public boolean contains(String key) {
                return objects.contains(key);
            }
        };
    }

    /** This node's chunk of one generation of an elevation's tokens, and where it looks for the next. */
    private static final class Series {
        private final long expiresAtMillis;
        private int chunk = -1;
        private int nextToClaim;
        private Map<String, String> tokens = Map.of();
        private long checkedAtMillis;
        private boolean full;

        private Series(long expiresAtMillis, long nowMillis) {
            this.expiresAtMillis = expiresAtMillis;
            this.checkedAtMillis = nowMillis;
        }
    }

    private ElevationTokens() {
    }

    /**
     * Remembers an access token issued with the running elevation {@code requestId}, extended {@code extensions}
     * times so far, and answers whether the elevation still runs as far as early ends go: false when it was ended
     * early (the token must leave the role out; an end that raced with it may also have revoked it).
     */
    public static boolean register(KeycloakSession session, String requestId, int extensions, long endsAtMillis, String tokenId,
                                   long tokenExpSeconds, long nowMillis) {
        return register(storeOf(session), requestId, extensions, endsAtMillis, tokenId, tokenExpSeconds, nowMillis);
    }

    static boolean register(Store store, String requestId, int extensions, long endsAtMillis, String tokenId, long tokenExpSeconds,
                            long nowMillis) {
        if (tokenId != null) {
            String base = chunks(requestId, extensions);
            long lifespan = Math.max(1, (endsAtMillis - nowMillis) / 1000 + MARGIN_SECONDS);
            Series series = seriesFor(base, endsAtMillis + MARGIN_SECONDS * 1000, nowMillis);
            synchronized (series) {
                add(store, series, base, lifespan, requestId, tokenId, tokenExpSeconds, nowMillis);
            }
        }
        return !store.contains(endedKey(requestId));
    }

    private static void add(Store store, Series series, String base, long lifespan, String requestId, String tokenId, long tokenExpSeconds,
                            long nowMillis) {
        if (series.chunk > 0 && Math.abs(nowMillis - series.checkedAtMillis) >= STORE_CHECK_MILLIS) {
            series.checkedAtMillis = nowMillis;
            if (!store.contains(base + "c" + (series.chunk - 1))) {
                LOG.debugf("PIM: the token chunks of elevation %s are gone from the store; filling them from 0 again", requestId);
                series.chunk = -1;
                series.nextToClaim = 0;
            }
        }
        if (series.chunk < 0 || series.tokens.size() >= CHUNK_SIZE) {
            if (series.full || !claimChunk(store, series, base, lifespan)) {
                series.full = true;
                LOG.warnf("PIM: elevation %s has more than %d tokens; token %s is capped at the elevation's end but not revocable early",
                        requestId, CHUNK_SIZE * MAX_CHUNKS, tokenId);
                return;
            }
        }
        Map<String, String> tokens = new HashMap<>(series.tokens);
        tokens.put(tokenId, Long.toString(tokenExpSeconds));
        store.putNow(base + "c" + series.chunk, lifespan, tokens);
        series.tokens = tokens;
    }

    private static boolean claimChunk(Store store, Series series, String base, long lifespan) {
        for (int chunk = series.nextToClaim; chunk < MAX_CHUNKS; chunk++) {
            if (store.putIfAbsent(base + "c" + chunk, lifespan)) {
                series.chunk = chunk;
                series.nextToClaim = chunk + 1;
                series.tokens = Map.of();
                return true;
            }
        }
        return false;
    }

    /** The elevation ended early: every access token issued with it is revoked. Returns how many were still valid. */
    public static int revokeAll(KeycloakSession session, RequestEntity request, long nowMillis) {
        return revokeAll(storeOf(session), session.revokedTokens(), request.getId(), request.getExtensions(), request.getEndsAt(), nowMillis);
    }

    static int revokeAll(Store store, RevokedTokenProvider revokedTokens, String requestId, int extensions, long endsAtMillis, long nowMillis) {
        store.putNow(endedKey(requestId), Math.max(1, (endsAtMillis - nowMillis) / 1000 + MARGIN_SECONDS), Map.of());
        int revoked = 0;
        for (int generation = 0; generation <= extensions; generation++) {
            revoked += revokeWhere(store, revokedTokens, chunks(requestId, generation), Long.MIN_VALUE, nowMillis);
        }
        return revoked;
    }

    /**
     * Whether the elevation was ended early ({@link #revokeAll} ran), as the cluster-wide store says: a
     * node whose user cache has not yet received the invalidation of the end still leaves the role out.
     */
    public static boolean endedEarly(KeycloakSession session, String requestId) {
        return session.singleUseObjects().contains(endedKey(requestId));
    }

    /** The elevation now ends earlier ({@code newEndsAtMillis}): tokens that would outlive the new end are revoked now. */
    public static int revokeOutliving(KeycloakSession session, RequestEntity request, long newEndsAtMillis, long nowMillis) {
        return revokeOutliving(storeOf(session), session.revokedTokens(), request.getId(), request.getExtensions(), newEndsAtMillis, nowMillis);
    }

    static int revokeOutliving(Store store, RevokedTokenProvider revokedTokens, String requestId, int extensions, long newEndsAtMillis,
                               long nowMillis) {
        int revoked = 0;
        for (int generation = 0; generation <= extensions; generation++) {
            revoked += revokeWhere(store, revokedTokens, chunks(requestId, generation), newEndsAtMillis / 1000, nowMillis);
        }
        return revoked;
    }

    private static String endedKey(String requestId) {
        return PREFIX + requestId + ".ended";
    }

    /** The key prefix of a generation's chunks. */
    private static String chunks(String requestId, int generation) {
        return generation == 0 ? PREFIX + requestId + "." : PREFIX + requestId + ".g" + generation + ".";
    }

    private static int revokeWhere(Store store, RevokedTokenProvider revokedTokens, String base, long expAfterSeconds, long nowMillis) {
        int revoked = 0;
        for (int chunk = 0; chunk < MAX_CHUNKS; chunk++) {
            if (!store.contains(base + "c" + chunk)) {
                break;
            }
            // A chunk claimed but not yet written has no notes: its first token sees the end's mark after writing.
            Map<String, String> tokens = store.get(base + "c" + chunk);
            if (tokens == null) {
                continue;
            }
            for (Map.Entry<String, String> token : tokens.entrySet()) {
                long exp = Long.parseLong(token.getValue());
                if (exp > expAfterSeconds && revokeToken(revokedTokens, token.getKey(), exp, nowMillis)) {
                    revoked++;
                }
            }
        }
        return revoked;
    }

    private static Series seriesFor(String base, long expiresAtMillis, long nowMillis) {
        Series series = SERIES.get(base);
        if (series != null) {
            return series;
        }
        if (SERIES.size() > SERIES_BEFORE_CLEAN_UP) {
            SERIES.values().removeIf(s -> s.expiresAtMillis < nowMillis);
        }
        return SERIES.computeIfAbsent(base, id -> new Series(expiresAtMillis, nowMillis));
    }

    private static boolean revokeToken(RevokedTokenProvider revokedTokens, String tokenId, long expSeconds, long nowMillis) {
        long lifespan = expSeconds - nowMillis / 1000 + 1;
        if (lifespan <= 0) {
            return false;
        }
        revokedTokens.put(tokenId, Math.max(lifespan, 10));
        return true;
    }
}
