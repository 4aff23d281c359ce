package dev.kcpim.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** When an eligibility applies: from {@code startsAt} (inclusive) to {@code endsAt} (exclusive, null = permanent). */
public record EligibilityWindow(Instant startsAt, Instant endsAt) {

    public EligibilityWindow {
        Objects.requireNonNull(startsAt, "startsAt");
    }

    public EligibilityState stateAt(Instant now) {
        if (now.isBefore(startsAt)) {
            return EligibilityState.FUTURE;
        }
        if (endsAt != null && !now.isBefore(endsAt)) {
            return EligibilityState.EXPIRED;
        }
        return EligibilityState.ELIGIBLE;
    }

    public boolean contains(Instant t) {
        return stateAt(t) == EligibilityState.ELIGIBLE;
    }

    public boolean isPermanent() {
        return endsAt == null;
    }

    /**
     * The window of an eligibility an admin creates. A missing start means now; a start in the past is
     * kept as given.
     */
    public static EligibilityWindow forNewEligibility(Policy policy, Instant requestedStart, Instant requestedEnd,
                                                      Instant now) {
        Instant start = requestedStart != null ? requestedStart : now;
        if (requestedEnd == null) {
            if (!policy.allowPermanentEligibility()) {
                throw invalid("this role's policy does not allow permanent eligibility");
            }
            if (policy.maxEligibilitySeconds() != null) {
                throw invalid("endsAt is required: this role's policy limits eligibility to "
                        + policy.maxEligibilitySeconds() + " seconds");
            }
            return new EligibilityWindow(start, null);
        }
        if (!requestedEnd.isAfter(start)) {
            throw invalid("endsAt must be after startsAt");
        }
        if (!requestedEnd.isAfter(now)) {
            throw invalid("endsAt must be in the future");
        }
        if (policy.maxEligibilitySeconds() != null
                && Duration.between(start, requestedEnd).compareTo(Duration.ofSeconds(policy.maxEligibilitySeconds())) > 0) {
            throw invalid("this role's policy limits eligibility to " + policy.maxEligibilitySeconds()
                    + " seconds from startsAt to endsAt");
        }
        return new EligibilityWindow(start, requestedEnd);
    }

    /**
     * The window after an admin changes its end (PATCH). The start stays; the new end may lie in the
     * past (the eligibility then has ended), before the start only for an eligibility that has
     * started; null means permanent, where the policy allows it.
     */
    public static EligibilityWindow withChangedEnd(Policy policy, EligibilityWindow current, Instant newEnd, Instant now) {
        if (newEnd == null) {
            if (!policy.allowPermanentEligibility()) {
                throw invalid("this role's policy does not allow permanent eligibility");
            }
            if (policy.maxEligibilitySeconds() != null) {
                throw invalid("endsAt is required: this role's policy limits eligibility to "
                        + policy.maxEligibilitySeconds() + " seconds");
            }
            return new EligibilityWindow(current.startsAt(), null);
        }
        boolean started = !now.isBefore(current.startsAt());
        if (!newEnd.isAfter(current.startsAt()) && !started) {
            throw invalid("endsAt must be after startsAt");
        }
        if (policy.maxEligibilitySeconds() != null
                && Duration.between(current.startsAt(), newEnd).compareTo(Duration.ofSeconds(policy.maxEligibilitySeconds())) > 0) {
            throw invalid("this role's policy limits eligibility to " + policy.maxEligibilitySeconds()
                    + " seconds from startsAt to endsAt");
        }
        return new EligibilityWindow(current.startsAt(), newEnd);
    }

    private static PimException invalid(String description) {
        return new PimException(ErrorCode.INVALID_REQUEST, description);
    }
}
