package dev.kcpim.domain;

import dev.kcpim.domain.ApprovalTally.DecisionRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How an approver's decision on a pending request is checked and what it causes. The caller resolves
 * who is an approver (users, groups with their subgroups' members, role holders through composites and
 * groups) and passes the result in.
 */
public final class ApprovalRules {

    private ApprovalRules() {
    }

    /** A decision as sent: {@code APPROVE} or {@code DENY}, and a reason, which both need. */
    public record DecisionInput(Decision decision, String reason) {
    }

    /** Input checks of a decision, before the request is looked at. */
    public static DecisionInput validateInput(String decision, String reason) {
        Decision parsed = Decision.parse(decision);
        String checkedReason = Texts.requireText(reason, "reason", Policy.MAX_JUSTIFICATION_LENGTH, true);
        return new DecisionInput(parsed, checkedReason);
    }

    /**
     * Whether {@code approverId} may decide the request now. Checks run in this order: the requester
     * never decides their own request, even when an approver rule matches them (SELF_APPROVAL); a user
     * who is not an approver of the role is FORBIDDEN; a request that is no longer pending, or that this
     * approver already decided, is a CONFLICT.
     */
    public static void checkMayDecide(String requesterId, String approverId, boolean isApprover, RequestStatus status,
                                      List<DecisionRecord> decisions) {
        Objects.requireNonNull(approverId, "approverId");
        if (approverId.equals(requesterId)) {
            throw new PimException(ErrorCode.SELF_APPROVAL, "you cannot decide your own request");
        }
        if (!isApprover) {
            throw new PimException(ErrorCode.FORBIDDEN, "you are not an approver for this role");
        }
        if (status != RequestStatus.PENDING_APPROVAL) {
            throw new PimException(ErrorCode.CONFLICT, "the request is " + status.name() + ", no longer pending approval");
        }
        if (ApprovalTally.hasDecided(approverId, decisions)) {
            throw new PimException(ErrorCode.CONFLICT, "you already decided this request");
        }
    }

    /** Whether the request belongs in the approver's list: pending, not their own, not decided by them yet. */
    public static boolean awaits(String requesterId, String approverId, boolean isApprover, RequestStatus status,
                                 List<DecisionRecord> decisions) {
        return isApprover && !approverId.equals(requesterId) && status == RequestStatus.PENDING_APPROVAL
                && !ApprovalTally.hasDecided(approverId, decisions);
    }

    /**
     * The transition that the decisions so far cause, if any: DENY as soon as one approver denied;
     * once {@code minApprovals} distinct approvers approved, APPROVE_NOW or APPROVE_LATER depending on
     * the window {@code plan} gives (asked only then, see {@link #planOnApproval}); empty while more
     * approvals are needed.
     */
    public static Optional<Outcome> outcome(int minApprovals, List<DecisionRecord> decisions, Supplier<ActivationPlan> plan) {
        switch (ApprovalTally.evaluate(minApprovals, decisions)) {
            case DENIED:
                return Optional.of(new Outcome(Transition.DENY, null));
            case APPROVED:
                ActivationPlan window = Objects.requireNonNull(plan.get(), "plan");
                return Optional.of(new Outcome(window.scheduled() ? Transition.APPROVE_LATER : Transition.APPROVE_NOW, window));
            default:
                return Optional.empty();
        }
    }

    /** What the decisions cause: the transition, and for an approval the window it grants (null for DENY). */
    public record Outcome(Transition transition, ActivationPlan plan) {
    }

    /**
     * The window of a request whose last approval arrives at {@code now}: it starts then, or at the
     * start the requester proposed if that is later, and lasts the requested duration (cut at the end of
     * the eligibility).
     *
     * @param proposedStart the start stored with the request (the proposed start, or the time of the request)
     * @throws PimException NOT_ELIGIBLE when the eligibility does not cover the start
     */
    public static ActivationPlan planOnApproval(Policy policy, long durationSeconds, Instant proposedStart,
                                                EligibilityWindow eligibility, Instant now) {
        return ActivationRules.plan(policy, new ActivationRequest(durationSeconds, null, null, proposedStart), eligibility, now);
    }
}
