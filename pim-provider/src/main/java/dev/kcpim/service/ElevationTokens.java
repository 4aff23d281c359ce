package dev.kcpim.service;

import dev.kcpim.jpa.entity.RequestEntity;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
 * its id when the end read the slots sees that mark afterwards and revokes itself. Each extension of the
 * elevation starts a new generation of slots, {@code pim.tokens.<request>.g<extensions>.<n>}, with the
 * new end's lifespan: the slots of an earlier generation expire with their tokens (capped at that
 * generation's end), so no generation ever has a gap; an end reads every generation.
 *
 * <p>Where to start looking for a free slot is a hint kept on this node (the slot after the last one it
 * claimed); the store's {@code putIfAbsent} decides, so a hint behind another node's tokens only costs a
 * failed attempt per slot that node took. At most once a second the slot below the hint is checked: a store
 * that lost its entries (restarted, or an external one wiped) while this node kept its hint is then filled
 * from 0 again, so the slots are contiguous again by the time the gap is filled. Per token otherwise: one
 * claim, one write and one read of the mark.
 */
public final class ElevationTokens {
    private static final Logger LOG = Logger.getLogger(ElevationTokens.class);
    private static final String PREFIX = "pim.tokens.";
    private static final long MARGIN_SECONDS = 120;
    /** Far more tokens than one elevation can need; beyond it, new tokens of the elevation are refused revocation-tracking and logged. */
    static final int MAX_SLOTS = 100_000;
    /** Hints of elevations that ended are dropped when a new one is added and there are more than this. */
    private static final int HINTS_BEFORE_CLEAN_UP = 1_000;
    private static final long HINT_CHECK_MILLIS = 1_000;
    private static final ConcurrentHashMap<String, SlotHint> HINTS = new ConcurrentHashMap<>();

    /** This node's next slot to try for an elevation, until the slots' lifespan ends. */
    private static final class SlotHint {
        private final long expiresAtMillis;
        private final AtomicInteger next = new AtomicInteger();
        private volatile long checkedAtMillis;

        private SlotHint(long expiresAtMillis, long nowMillis) {
            this.expiresAtMillis = expiresAtMillis;
            this.checkedAtMillis = nowMillis;
        }
    }

    private ElevationTokens() {
    }

    /** Remembers an access token issued with the running elevation {@code requestId}, extended {@code extensions} times so far. */
    public static void remember(KeycloakSession session, String requestId, int extensions, long endsAtMillis, String tokenId, long tokenExpSeconds,
                                long nowMillis) {
        remember(session.singleUseObjects(), session.revokedTokens(), requestId, extensions, endsAtMillis, tokenId, tokenExpSeconds, nowMillis);
    }

    static void remember(SingleUseObjectProvider store, RevokedTokenProvider revokedTokens, String requestId, int extensions, long endsAtMillis,
                         String tokenId, long tokenExpSeconds, long nowMillis) {
        if (tokenId == null) {
            return;
        }
        String base = slots(requestId, extensions);
        long lifespan = Math.max(1, (endsAtMillis - nowMillis) / 1000 + MARGIN_SECONDS);
        SlotHint hint = hintFor(base, endsAtMillis + MARGIN_SECONDS * 1000, nowMillis);
        int slot = hint.next.get();
        if (slot > 0 && Math.abs(nowMillis - hint.checkedAtMillis) >= HINT_CHECK_MILLIS) {
            hint.checkedAtMillis = nowMillis;
            if (!store.contains(base + (slot - 1))) {
                LOG.debugf("PIM: the token slots of elevation %s are gone from the store; filling them from 0 again", requestId);
                hint.next.set(0);
                slot = 0;
            }
        }
        while (!store.putIfAbsent(base + slot, lifespan)) {
            if (++slot >= MAX_SLOTS) {
                LOG.warnf("PIM: elevation %s has more than %d tokens; token %s is capped at the elevation's end but not revocable early",
                        requestId, MAX_SLOTS, tokenId);
                return;
            }
        }
        hint.next.accumulateAndGet(slot + 1, Math::max);
        store.replace(base + slot, Map.of("jti", tokenId, "exp", Long.toString(tokenExpSeconds)));
        if (store.contains(PREFIX + requestId + ".ended")) {
            revokeToken(revokedTokens, tokenId, tokenExpSeconds, nowMillis);
        }
    }

    /** The elevation ended early: every access token issued with it is revoked. Returns how many were still valid. */
    public static int revokeAll(KeycloakSession session, RequestEntity request, long nowMillis) {
        return revokeAll(session.singleUseObjects(), session.revokedTokens(), request.getId(), request.getExtensions(), request.getEndsAt(), nowMillis);
    }

    static int revokeAll(SingleUseObjectProvider store, RevokedTokenProvider revokedTokens, String requestId, int extensions, long endsAtMillis,
                         long nowMillis) {
        store.put(PREFIX + requestId + ".ended", Math.max(1, (endsAtMillis - nowMillis) / 1000 + MARGIN_SECONDS), Map.of());
        int revoked = 0;
        for (int generation = 0; generation <= extensions; generation++) {
            revoked += revokeWhere(store, revokedTokens, slots(requestId, generation), Long.MIN_VALUE, nowMillis);
        }
        return revoked;
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
        return revokeOutliving(session.singleUseObjects(), session.revokedTokens(), request.getId(), request.getExtensions(), newEndsAtMillis,
                nowMillis);
    }

    static int revokeOutliving(SingleUseObjectProvider store, RevokedTokenProvider revokedTokens, String requestId, int extensions,
                               long newEndsAtMillis, long nowMillis) {
        int revoked = 0;
        for (int generation = 0; generation <= extensions; generation++) {
            revoked += revokeWhere(store, revokedTokens, slots(requestId, generation), newEndsAtMillis / 1000, nowMillis);
        }
        return revoked;
    }

    /** The key prefix of a generation's slots; the first generation keeps the form it had before extensions existed. */
    private static String slots(String requestId, int generation) {
        return generation == 0 ? PREFIX + requestId + "." : PREFIX + requestId + ".g" + generation + ".";
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

    private static SlotHint hintFor(String slots, long expiresAtMillis, long nowMillis) {
        SlotHint hint = HINTS.get(slots);
        if (hint != null) {
            return hint;
        }
        if (HINTS.size() > HINTS_BEFORE_CLEAN_UP) {
            HINTS.values().removeIf(h -> h.expiresAtMillis < nowMillis);
        }
        return HINTS.computeIfAbsent(slots, id -> new SlotHint(expiresAtMillis, nowMillis));
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
