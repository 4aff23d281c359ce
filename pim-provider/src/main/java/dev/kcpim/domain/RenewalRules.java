package dev.kcpim.domain;

import java.time.Duration;
import java.time.Instant;

/** When a user may ask to renew an eligibility, and what an admin's approval may set. */
public final class RenewalRules {
    /** A time-bound eligibility ending within this may be renewed ... */
    public static final Duration BEFORE_END = Duration.ofDays(14);
    /** ... and one that ended within this. */
    public static final Duration AFTER_END = Duration.ofDays(30);

    private RenewalRules() {
    }

    /** Whether an eligibility ending (or ended) at {@code endsAt} may be renewed now. */
    public static boolean isRenewable(Instant endsAt, Instant now) {
        return endsAt != null && !endsAt.isAfter(now.plus(BEFORE_END)) && !endsAt.isBefore(now.minus(AFTER_END));
    }

    /** Throws CONFLICT when the eligibility cannot be renewed now: permanent, ending later than 14 days from now, or ended more than 30 days ago. */
    public static void checkRenewable(Instant endsAt, Instant now) {
        if (endsAt == null) {
            throw new PimException(ErrorCode.CONFLICT, "this eligibility is permanent: there is nothing to renew");
        }
        if (endsAt.isAfter(now.plus(BEFORE_END))) {
            throw new PimException(ErrorCode.CONFLICT, "an eligibility can be renewed from 14 days before it ends; this one ends at " + endsAt);
        }
        if (endsAt.isBefore(now.minus(AFTER_END))) {
            throw new PimException(ErrorCode.CONFLICT, "an eligibility can be renewed until 30 days after it ended; this one ended at " + endsAt);
        }
    }

    /** The input of an admin's decision: APPROVE needs a new end in the future, DENY a reason. */
    public static Decision validateDecision(String decision, Long endsAt, String reason, Instant now) {
        if (decision == null) {
            throw new PimException(ErrorCode.INVALID_REQUEST, "decision is required (APPROVE or DENY)");
        }
        Decision parsed = Decision.parse(decision);
        Texts.requireText(reason, "reason", Policy.MAX_JUSTIFICATION_LENGTH, parsed == Decision.DENY);
        if (parsed == Decision.APPROVE) {
            if (endsAt == null) {
                throw new PimException(ErrorCode.INVALID_REQUEST, "endsAt is required to approve a renewal");
            }
            if (!Instant.ofEpochMilli(endsAt).isAfter(now)) {
                throw new PimException(ErrorCode.INVALID_REQUEST, "endsAt must be in the future");
            }
        }
        return parsed;
    }
}
