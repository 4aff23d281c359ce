package dev.kcpim.domain;

import java.time.Duration;
import java.time.Instant;

public final class ActivationRules {

    /** How far before now a proposed start may lie (client clock skew); such a start means "now". */
    public static final Duration PAST_START_TOLERANCE = Duration.ofMinutes(5);
    public static final long MAX_ASSIGNMENT_SECONDS = 365L * 24 * 3600;

    private ActivationRules() {
    }

    /** Input checks of a self-service activation, before eligibility, policy conflicts and OTP. */
    public static void validateInput(Policy policy, ActivationRequest req, Instant now) {
        validateJustification(policy, req.justification());
        validateTicket(policy, req.ticket());
        if (req.durationSeconds() != null) {
            validateDuration(policy, req.durationSeconds());
        }
        if (req.startsAt() != null) {
            if (req.startsAt().isAfter(now.plusSeconds(Policy.MAX_SCHEDULE_AHEAD_SECONDS))) {
                throw invalid("startsAt must be at most " + Policy.MAX_SCHEDULE_AHEAD_SECONDS
                        + " seconds (30 days) ahead");
            }
            if (req.startsAt().isBefore(now.minus(PAST_START_TOLERANCE))) {
                throw invalid("startsAt is in the past");
            }
        }
    }

    /**
     * Plans the window of an activation. Also used when the last approval arrives, with the stored
     * duration and proposed start: the window then starts at the approval (or the later proposed start).
     * Expects {@link #validateInput} to have passed when the request was made; the duration is not
     * checked again, so a policy change does not break a pending approval.
     *
     * @throws PimException NOT_ELIGIBLE when the eligibility does not cover the start
     */
    public static ActivationPlan plan(Policy policy, ActivationRequest req, EligibilityWindow eligibility,
                                      Instant now) {
        long duration = req.durationSeconds() != null ? req.durationSeconds() : policy.maxActivationSeconds();
        Instant start = req.startsAt() != null && req.startsAt().isAfter(now) ? req.startsAt() : now;
        if (!eligibility.contains(start)) {
            throw new PimException(ErrorCode.NOT_ELIGIBLE, "the eligibility does not cover the requested start");
        }
        Instant end = start.plusSeconds(duration);
        if (eligibility.endsAt() != null && end.isAfter(eligibility.endsAt())) {
            end = eligibility.endsAt();
        }
        return new ActivationPlan(start, end, Duration.between(start, end).getSeconds(), start.isAfter(now));
    }

    /**
     * The new end of an ACTIVE elevation extended at {@code now}: now plus the duration (the policy's maximum when
     * none is given), never past the end of the eligibility it rests on. Expects {@link #validateInput} to have passed.
     *
     * @throws PimException DURATION_INVALID when that would not end later than the elevation's current end
     */
    public static Instant extendedEnd(Policy policy, Long durationSeconds, EligibilityWindow eligibility, Instant currentEnd, Instant now) {
        Instant end = now.plusSeconds(durationSeconds != null ? durationSeconds : policy.maxActivationSeconds());
        boolean cut = eligibility.endsAt() != null && end.isAfter(eligibility.endsAt());
        if (cut) {
            end = eligibility.endsAt();
        }
        if (!end.isAfter(currentEnd)) {
            throw new PimException(ErrorCode.DURATION_INVALID, cut
                    ? "the eligibility ends at " + eligibility.endsAt() + ", when the elevation already ends: it cannot be extended"
                    : "an extension must end later than the elevation's current end (" + currentEnd + "); ask for a longer duration");
        }
        return end;
    }

    /** Plans a time-bound assignment made by an admin. A missing or past start means now. */
    public static ActivationPlan planAssignment(Instant requestedStart, Instant requestedEnd, Instant now) {
        if (requestedEnd == null) {
            throw invalid("endsAt is required for an assignment");
        }
        if (requestedStart != null && !requestedEnd.isAfter(requestedStart)) {
            throw invalid("endsAt must be after startsAt");
        }
        if (!requestedEnd.isAfter(now)) {
            throw invalid("endsAt must be in the future");
        }
        if (requestedStart != null && requestedStart.isAfter(now.plusSeconds(Policy.MAX_SCHEDULE_AHEAD_SECONDS))) {
            throw invalid("startsAt must be at most " + Policy.MAX_SCHEDULE_AHEAD_SECONDS + " seconds (30 days) ahead");
        }
        Instant start = requestedStart != null && requestedStart.isAfter(now) ? requestedStart : now;
        Duration length = Duration.between(start, requestedEnd);
        if (length.compareTo(Duration.ofSeconds(MAX_ASSIGNMENT_SECONDS)) > 0) {
            throw invalid("an assignment may last at most " + MAX_ASSIGNMENT_SECONDS + " seconds (365 days)");
        }
        return new ActivationPlan(start, requestedEnd, length.getSeconds(), start.isAfter(now));
    }

    /** When a request pending approval times out. */
    public static Instant approvalDeadline(Policy policy, Instant requestedAt) {
        return requestedAt.plusSeconds(policy.approvalTimeoutSeconds());
    }

    private static void validateJustification(Policy policy, String justification) {
        if (justification != null && justification.length() > Policy.MAX_JUSTIFICATION_LENGTH) {
            throw new PimException(ErrorCode.JUSTIFICATION_INVALID,
                    "justification must be at most " + Policy.MAX_JUSTIFICATION_LENGTH + " characters");
        }
        boolean blank = Texts.isBlank(justification);
        if (blank && policy.requireJustification()) {
            throw new PimException(ErrorCode.JUSTIFICATION_REQUIRED, "a justification is required for this role");
        }
        if (blank) {
            return;
        }
        String pattern = policy.justificationPattern();
        if (pattern != null && !matchesStoredPattern(pattern, justification)) {
            throw new PimException(ErrorCode.JUSTIFICATION_INVALID,
                    "justification must match the pattern " + pattern);
        }
        if (Texts.containsControlCharacters(justification, true)) {
            throw new PimException(ErrorCode.JUSTIFICATION_INVALID, "justification must not contain control characters");
        }
    }

    /**
     * A pattern stored before RE2/J was used may not compile with it (backreferences, lookaround):
     * then no justification matches, and the admin is told to fix the policy (fail closed).
     */
    private static boolean matchesStoredPattern(String pattern, String justification) {
        try {
            return JustificationPattern.compile(pattern).matches(justification);
        } catch (PimException unsupported) {
            throw new PimException(ErrorCode.JUSTIFICATION_INVALID,
                    "this role's justification pattern is not supported any more; ask an administrator to update the policy");
        }
    }

    private static void validateTicket(Policy policy, String ticket) {
        if (ticket != null && ticket.length() > Policy.MAX_TICKET_LENGTH) {
            throw invalid("ticket must be at most " + Policy.MAX_TICKET_LENGTH + " characters");
        }
        if (ticket != null && Texts.containsControlCharacters(ticket, false)) {
            throw invalid("ticket must not contain control characters");
        }
        if (Texts.isBlank(ticket) && policy.requireTicket()) {
            throw new PimException(ErrorCode.TICKET_REQUIRED, "a ticket reference is required for this role");
        }
    }

    private static void validateDuration(Policy policy, long durationSeconds) {
        if (durationSeconds < Policy.MIN_ACTIVATION_SECONDS || durationSeconds > policy.maxActivationSeconds()) {
            throw new PimException(ErrorCode.DURATION_INVALID, "durationSeconds must be between "
                    + Policy.MIN_ACTIVATION_SECONDS + " and " + policy.maxActivationSeconds() + " for this role");
        }
    }

    private static PimException invalid(String description) {
        return new PimException(ErrorCode.INVALID_REQUEST, description);
    }
}
