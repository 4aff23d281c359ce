package dev.kcpim.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * What an open request stands on, and whether it still does: the user exists and is enabled, and an
 * activation's eligibility still exists, has not ended and still covers the user (for a GROUP
 * eligibility: the user is still a member of the group or of one of its subgroups). Admin
 * assignments rest on the user alone.
 *
 * @param eligibilityWindow the window of the request's eligibility; null when it no longer exists
 *                          (or for an assignment, which has none)
 * @param extendedActive for an EXTENSION: whether the request it extends is still ACTIVE (true for other kinds)
 */
public record Basis(boolean userExists, boolean userEnabled, RequestKind kind, EligibilityWindow eligibilityWindow,
                    boolean eligibilityCoversUser, boolean extendedActive) {

    public Basis(boolean userExists, boolean userEnabled, RequestKind kind, EligibilityWindow eligibilityWindow, boolean eligibilityCoversUser) {
        this(userExists, userEnabled, kind, eligibilityWindow, eligibilityCoversUser, true);
    }

    public Optional<BasisLoss> lossAt(Instant now) {
        if (!userExists) {
            return Optional.of(BasisLoss.USER_DELETED);
        }
        if (!userEnabled) {
            return Optional.of(BasisLoss.USER_DISABLED);
        }
        if (kind == RequestKind.ASSIGNMENT) {
            return Optional.empty();
        }
        if (!extendedActive) {
            return Optional.of(BasisLoss.EXTENDED_ENDED);
        }
        if (eligibilityWindow == null) {
            return Optional.of(BasisLoss.ELIGIBILITY_REMOVED);
        }
        if (eligibilityWindow.endsAt() != null && !now.isBefore(eligibilityWindow.endsAt())) {
            return Optional.of(BasisLoss.ELIGIBILITY_ENDED);
        }
        if (!eligibilityCoversUser) {
            return Optional.of(BasisLoss.GROUP_LEFT);
        }
        return Optional.empty();
    }

    /**
     * The end an open request must not pass: its eligibility's end, when that comes before the
     * request's own end; empty when no cut is needed.
     */
    public Optional<Instant> cutEnd(Instant requestEndsAt) {
        if (kind == RequestKind.ASSIGNMENT || eligibilityWindow == null || eligibilityWindow.endsAt() == null) {
            return Optional.empty();
        }
        return eligibilityWindow.endsAt().isBefore(requestEndsAt) ? Optional.of(eligibilityWindow.endsAt()) : Optional.empty();
    }
}
