package dev.kcpim.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

public final class RequestStateMachine {

    private RequestStateMachine() {
    }

    public static boolean canApply(RequestStatus from, Transition transition) {
        return transition.sources().contains(Objects.requireNonNull(from, "from"));
    }

    public static RequestStatus next(RequestStatus from, Transition transition) {
        if (!canApply(from, transition)) {
            throw new PimException(ErrorCode.CONFLICT,
                    "cannot " + transition.verb() + " a request that is " + from.name());
        }
        return transition.target();
    }

    /**
     * The time-driven transition that is due at {@code now}, if any: APPROVAL_TIMEOUT for a pending
     * request whose deadline has passed, START for a scheduled request whose start has come, EXPIRE
     * for an active request whose end has come. A scheduled request whose whole window already
     * passed gets START and then, when asked again with the new status, EXPIRE.
     *
     * @param approvalDeadline when a pending request times out; null means never
     */
    public static Optional<Transition> dueTransition(RequestStatus status, Instant startsAt, Instant endsAt,
                                                     Instant approvalDeadline, Instant now) {
        return dueTransition(status, startsAt, endsAt, approvalDeadline, null, now);
    }

    /**
     * As {@link #dueTransition(RequestStatus, Instant, Instant, Instant, Instant)}, but a request
     * whose basis is gone ({@code basisLoss} not null) ends first, whatever its times say: CANCEL
     * when pending, REVOKE when scheduled or active.
     */
    public static Optional<Transition> dueTransition(RequestStatus status, Instant startsAt, Instant endsAt,
                                                     Instant approvalDeadline, BasisLoss basisLoss, Instant now) {
        Objects.requireNonNull(now, "now");
        if (basisLoss != null && status.isOpen()) {
            return Optional.of(BasisLoss.endingFor(status));
        }
        switch (Objects.requireNonNull(status, "status")) {
            case PENDING_APPROVAL:
                return approvalDeadline != null && !now.isBefore(approvalDeadline)
                        ? Optional.of(Transition.APPROVAL_TIMEOUT) : Optional.empty();
            case SCHEDULED:
                return !now.isBefore(startsAt) ? Optional.of(Transition.START) : Optional.empty();
            case ACTIVE:
                return !now.isBefore(endsAt) ? Optional.of(Transition.EXPIRE) : Optional.empty();
            default:
                return Optional.empty();
        }
    }
}
