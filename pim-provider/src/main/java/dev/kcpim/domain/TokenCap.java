package dev.kcpim.domain;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What the token guard does to a token, decided by the server clock at issuance. Pure: the token
 * package feeds it what Keycloak and PIM's rows say and applies the answer.
 */
public final class TokenCap {
    /**
     * A token request may have read the user's role mappings just before an elevation ended and its
     * mapping was removed in another transaction: roles of elevations that ended this recently are
     * left out even when the mapping still shows (fail closed).
     */
    public static final long RECENTLY_ENDED_MILLIS = 60_000;

    /** How one of the user's requests counts for a token issued now. */
    public enum Part { RUNNING, ENDED, NONE }

    private TokenCap() {
    }

    /**
     * RUNNING: ACTIVE and its window not over. ENDED: its role must not show (an ACTIVE request past
     * its end whose mapping PIM added, or one that ended after starting). NONE: nothing to do (an
     * overdue ACTIVE request whose mapping PIM never added: the user holds the role outside PIM).
     */
    public static Part partOf(RequestStatus status, long endsAtMillis, boolean mappingAdded, long nowMillis) {
        if (status == RequestStatus.ACTIVE) {
            if (endsAtMillis > nowMillis) {
                return Part.RUNNING;
            }
            return mappingAdded ? Part.ENDED : Part.NONE;
        }
        return Part.ENDED;
    }

    /** The token's {@code exp} (seconds) capped at the earliest end (ms) of the running elevations; never raised; "no expiry" gets the cap. */
    public static Long cappedExp(Long exp, long earliestEndMillis) {
        long cap = earliestEndMillis / 1000;
        return exp == null || exp == 0 || exp > cap ? Long.valueOf(cap) : exp;
    }

    /**
     * An instant of a SAML assertion (ms: {@code SessionNotOnOrAfter}, {@code NotOnOrAfter}) capped at
     * the earliest end (ms) of the running elevations; never raised; an absent instant (no limit) gets the cap.
     */
    public static long cappedInstant(Long instantMillis, long earliestEndMillis) {
        return instantMillis == null ? earliestEndMillis : Math.min(instantMillis, earliestEndMillis);
    }

    /**
     * The values to take out of a SAML role attribute: the names the left-out roles show as, except a
     * name that a role the assertion keeps shows as too (SAML names client roles without their client,
     * so the relying party could not tell the two apart; the kept role must stay).
     */
    public static Set<String> roleValuesToRemove(Collection<String> leftOutNames, Collection<String> keptNames) {
        Set<String> remove = new HashSet<>(leftOutNames);
        remove.removeAll(keptNames);
        return remove;
    }

    /** One entry of the {@code pim_elevations} claim. */
    public static Map<String, Object> claimEntry(String roleLabel, String requestId, long endsAtMillis) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("role", roleLabel);
        entry.put("requestId", requestId);
        entry.put("exp", endsAtMillis / 1000);
        return entry;
    }

    /**
     * The roles to leave out of the token: the ended roles with everything their composites contain,
     * except what the user still holds another way (the other mappings, with their composites).
     *
     * @param expand a role set and everything its composites contain, transitively
     */
    public static Set<String> rolesToStrip(Set<String> endedRoleIds, Set<String> otherRoleIds, Function<Set<String>, Set<String>> expand) {
        if (endedRoleIds.isEmpty()) {
            return Set.of();
        }
        Set<String> strip = new HashSet<>(expand.apply(endedRoleIds));
        Set<String> remaining = new HashSet<>(otherRoleIds);
        remaining.removeAll(endedRoleIds);
        strip.removeAll(expand.apply(remaining));
        return strip;
    }
}
