package dev.kcpim.domain;

import java.time.Duration;
import java.time.Instant;

/** When an eligibility counts as unused and an account as stale. */
public final class AlertRules {

    private AlertRules() {
    }

    /**
     * Unused: neither its start nor its latest activation lies within the last {@code days} days (an eligibility
     * younger than that is not unused yet).
     */
    public static boolean isUnused(Instant startsAt, Instant lastActivation, Instant now, int days) {
        Instant lastUse = lastActivation == null || lastActivation.isBefore(startsAt) ? startsAt : lastActivation;
        return lastUse.isBefore(now.minus(Duration.ofDays(days)));
    }

    /**
     * Stale: the last sign-in PIM saw lies more than {@code days} days back; without one, the later of the account's
     * creation and the moment PIM started recording sign-ins in the realm does (an account PIM has not watched that
     * long is not stale yet).
     */
    public static boolean isStale(Instant lastLogin, Instant createdAt, Instant recordingSince, Instant now, int days) {
        Instant reference = lastLogin;
        if (reference == null) {
            reference = createdAt == null || createdAt.isBefore(recordingSince) ? recordingSince : createdAt;
        }
        return reference.isBefore(now.minus(Duration.ofDays(days)));
    }
}
