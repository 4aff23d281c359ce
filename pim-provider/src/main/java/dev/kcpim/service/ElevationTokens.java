package dev.kcpim.service;

import dev.kcpim.jpa.entity.RequestEntity;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RevokedTokenProvider;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * The access tokens issued while an elevation runs, so that an early end can revoke them in Keycloak's
 * own revoked-token store ({@code session.revokedTokens()}, what the revocation endpoint uses):
 * introspection, userinfo and every bearer check then refuse them. Tokens issued before the
 * elevation, and refresh tokens, are not touched.
 *
 * <p>The ids live in Keycloak's single-use object store (cluster-wide, with lifespans; no store of
 * PIM's own) as numbered slots per request, {@code pim.tokens.<request>.<n>}: a token claims the next
 * free slot with {@code putIfAbsent} (atomic across the cluster) and then writes its id into it. Slots
 * are never freed before their common lifespan (the elevation's end plus a margin; tokens are capped
 * at that end), so they stay contiguous and an end reads them from 0 until the first missing one. An
 * end first sets {@code pim.tokens.<request>.ended}; a token that claimed its slot but had not written
 * its id when the end read the slots sees that mark afterwards and revokes itself.
 */
public final class ElevationTokens {
    private static final Logger LOG = Logger.getLogger(ElevationTokens.class);
    private static final String PREFIX = "pim.tokens.";
    private static final long MARGIN_SECONDS = 120;
    /** Far more tokens than one elevation can need; beyond it, new tokens of the elevation are refused revocation-tracking and logged. */
    static final int MAX_SLOTS = 100_000;

    private ElevationTokens() {
    }

    /** Remembers an access token issued with the running elevation {@code requestId}. */
    public static void remember(KeycloakSession session, String requestId, long endsAtMillis, String tokenId, long tokenExpSeconds, long nowMillis) {
        remember(session.singleUseObjects(), session.revokedTokens(), requestId, endsAtMillis, tokenId, tokenExpSeconds, nowMillis);
    }

    static void remember(SingleUseObjectProvider store, RevokedTokenProvider revokedTokens, String requestId, long endsAtMillis,
                         String tokenId, long tokenExpSeconds, long nowMillis) {
        if (tokenId == null) {
            return;
        }
        String base = PREFIX + requestId + ".";
        long lifespan = Math.max(1, (endsAtMillis - nowMillis) / 1000 + MARGIN_SECONDS);
        int slot = nextSlotHint(store, base);
        while (!store.putIfAbsent(base + slot, lifespan)) {
            if (++slot >= MAX_SLOTS) {
                LOG.warnf("PIM: elevation %s has more than %d tokens; token %s is capped at the elevation's end but not revocable early",
                        requestId, MAX_SLOTS, tokenId);
                return;
            }
        }
        store.replace(base + slot, Map.of("jti", tokenId, "exp", Long.toString(tokenExpSeconds)));
        store.put(base + "next", lifespan, Map.of("n", Integer.toString(slot + 1)));
        if (store.contains(base + "ended")) {
            revokeToken(revokedTokens, tokenId, tokenExpSeconds, nowMillis);
        }
    }

    /** The elevation ended early: every access token issued with it is revoked. Returns how many were still valid. */
    public static int revokeAll(KeycloakSession session, RequestEntity request, long nowMillis) {
        return revokeAll(session.singleUseObjects(), session.revokedTokens(), request.getId(), request.getEndsAt(), nowMillis);
    }

    static int revokeAll(SingleUseObjectProvider store, RevokedTokenProvider revokedTokens, String requestId, long endsAtMillis, long nowMillis) {
        String base = PREFIX + requestId + ".";
        store.put(base + "ended", Math.max(1, (endsAtMillis - nowMillis) / 1000 + MARGIN_SECONDS), Map.of());
        return revokeWhere(store, revokedTokens, base, Long.MIN_VALUE, nowMillis);
    }

    /**
     * Whether the elevation was ended early ({@link #revokeAll} ran), as the cluster-wide store says: a
     * node whose user cache has not yet received the invalidation of the end still leaves the role out.
     */
    public static boolean endedEarly(KeycloakSession session, String requestId) {
        return session.singleUseObjects().contains(PREFIX + requestId + ".ended");
    }

    /** The elevation now ends earlier ({@code newEndsAtMillis}): tokens that would outlive the new end are revoked now. */
    public static int revokeOutliving(KeycloakSession session, RequestEntity request, long newEndsAtMillis, long nowMillis) {
        return revokeOutliving(session.singleUseObjects(), session.revokedTokens(), request.getId(), newEndsAtMillis, nowMillis);
    }

    static int revokeOutliving(SingleUseObjectProvider store, RevokedTokenProvider revokedTokens, String requestId, long newEndsAtMillis,
                               long nowMillis) {
        return revokeWhere(store, revokedTokens, PREFIX + requestId + ".", newEndsAtMillis / 1000, nowMillis);
    }

    private static int revokeWhere(SingleUseObjectProvider store, RevokedTokenProvider revokedTokens, String base, long expAfterSeconds,
                                   long nowMillis) {
        int revoked = 0;
        for (int slot = 0; slot < MAX_SLOTS; slot++) {
            if (!store.contains(base + slot)) {
                break;
            }
            // A slot claimed but not yet written has no notes: its token revokes itself when it sees "ended".
            Map<String, String> token = store.get(base + slot);
            String tokenId = token == null ? null : token.get("jti");
            long exp = tokenId == null ? 0 : Long.parseLong(token.getOrDefault("exp", "0"));
            if (tokenId != null && exp > expAfterSeconds && revokeToken(revokedTokens, tokenId, exp, nowMillis)) {
                revoked++;
            }
        }
        return revoked;
    }

    private static int nextSlotHint(SingleUseObjectProvider store, String base) {
        Map<String, String> next = store.get(base + "next");
        return next == null ? 0 : Integer.parseInt(next.getOrDefault("n", "0"));
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
