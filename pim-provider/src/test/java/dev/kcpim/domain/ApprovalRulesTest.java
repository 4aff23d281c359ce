package dev.kcpim.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kcpim.domain.ApprovalTally.DecisionRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApprovalRulesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC);
    private static final Instant NOW = CLOCK.instant();
    private static final Policy POLICY = Policy.defaults("role");
    private static final EligibilityWindow PERMANENT = new EligibilityWindow(NOW.minusSeconds(86_400), null);

    private static DecisionRecord approve(String approver) {
        return new DecisionRecord(approver, Decision.APPROVE, NOW);
    }

    private static DecisionRecord deny(String approver) {
        return new DecisionRecord(approver, Decision.DENY, NOW);
    }

    private static void assertRejected(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(PimException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    @Test
    void aDecisionNeedsAKnownDecisionAndAReason() {
        assertThat(ApprovalRules.validateInput("APPROVE", "on call tonight"))
                .isEqualTo(new ApprovalRules.DecisionInput(Decision.APPROVE, "on call tonight"));
        assertThat(ApprovalRules.validateInput("DENY", "no ticket").decision()).isEqualTo(Decision.DENY);
        assertRejected(() -> ApprovalRules.validateInput("APPROVE", null), ErrorCode.INVALID_REQUEST);
        assertRejected(() -> ApprovalRules.validateInput("DENY", "   "), ErrorCode.INVALID_REQUEST);
        assertRejected(() -> ApprovalRules.validateInput("approve", "ok"), ErrorCode.INVALID_REQUEST);
        assertRejected(() -> ApprovalRules.validateInput(null, "ok"), ErrorCode.INVALID_REQUEST);
        assertRejected(() -> ApprovalRules.validateInput("APPROVE", "x".repeat(Policy.MAX_JUSTIFICATION_LENGTH + 1)),
                ErrorCode.INVALID_REQUEST);
        assertRejected(() -> ApprovalRules.validateInput("APPROVE", "bell\u0007"), ErrorCode.INVALID_REQUEST);
    }

    @Test
    void theRequesterNeverDecidesEvenWhenAnApproverRuleMatches() {
        assertRejected(() -> ApprovalRules.checkMayDecide("alice", "alice", true, RequestStatus.PENDING_APPROVAL, List.of()),
                ErrorCode.SELF_APPROVAL);
        assertRejected(() -> ApprovalRules.checkMayDecide("alice", "alice", true, RequestStatus.DENIED, List.of()),
                ErrorCode.SELF_APPROVAL);
    }

    @Test
    void aNonApproverIsForbiddenBeforeTheStatusIsLookedAt() {
        assertRejected(() -> ApprovalRules.checkMayDecide("alice", "mallory", false, RequestStatus.PENDING_APPROVAL, List.of()),
                ErrorCode.FORBIDDEN);
        assertRejected(() -> ApprovalRules.checkMayDecide("alice", "mallory", false, RequestStatus.ACTIVE, List.of()),
                ErrorCode.FORBIDDEN);
    }

    @Test
    void aDecidedRequestOrASecondDecisionIsAConflict() {
        for (RequestStatus status : RequestStatus.values()) {
            if (status != RequestStatus.PENDING_APPROVAL) {
                assertRejected(() -> ApprovalRules.checkMayDecide("alice", "carol", true, status, List.of()), ErrorCode.CONFLICT);
            }
        }
        assertRejected(() -> ApprovalRules.checkMayDecide("alice", "carol", true, RequestStatus.PENDING_APPROVAL,
                List.of(approve("carol"))), ErrorCode.CONFLICT);
        assertThatCode(() -> ApprovalRules.checkMayDecide("alice", "carol", true, RequestStatus.PENDING_APPROVAL,
                List.of(approve("dave")))).doesNotThrowAnyException();
    }

    @Test
    void theListShowsOnlyRequestsTheApproverCanStillDecide() {
        assertThat(ApprovalRules.awaits("alice", "carol", true, RequestStatus.PENDING_APPROVAL, List.of())).isTrue();
        assertThat(ApprovalRules.awaits("alice", "alice", true, RequestStatus.PENDING_APPROVAL, List.of())).isFalse();
        assertThat(ApprovalRules.awaits("alice", "carol", false, RequestStatus.PENDING_APPROVAL, List.of())).isFalse();
        assertThat(ApprovalRules.awaits("alice", "carol", true, RequestStatus.SCHEDULED, List.of())).isFalse();
        assertThat(ApprovalRules.awaits("alice", "carol", true, RequestStatus.PENDING_APPROVAL, List.of(approve("carol")))).isFalse();
        assertThat(ApprovalRules.awaits("alice", "carol", true, RequestStatus.PENDING_APPROVAL, List.of(approve("dave")))).isTrue();
    }

    @Test
    void theQuorumOfDistinctApproversApprovesAndTheWindowStartsAtTheApproval() {
        Instant requestedAt = NOW.minusSeconds(3_600);
        ActivationPlan plan = ApprovalRules.planOnApproval(POLICY, 1_800, requestedAt, PERMANENT, NOW);

        assertThat(ApprovalRules.outcome(2, List.of(approve("carol")), () -> plan)).isEmpty();
        Optional<ApprovalRules.Outcome> outcome = ApprovalRules.outcome(2, List.of(approve("carol"), approve("dave")), () -> plan);

        assertThat(outcome).contains(new ApprovalRules.Outcome(Transition.APPROVE_NOW, plan));
        assertThat(plan.startsAt()).isEqualTo(NOW);
        assertThat(plan.endsAt()).isEqualTo(NOW.plusSeconds(1_800));
        assertThat(plan.durationSeconds()).isEqualTo(1_800);
        assertThat(RequestStateMachine.next(RequestStatus.PENDING_APPROVAL, outcome.get().transition())).isEqualTo(RequestStatus.ACTIVE);
    }

    @Test
    void aProposedStartAfterTheApprovalSchedulesTheWindow() {
        Instant proposed = NOW.plusSeconds(7_200);
        ActivationPlan plan = ApprovalRules.planOnApproval(POLICY, 3_600, proposed, PERMANENT, NOW);

        Optional<ApprovalRules.Outcome> outcome = ApprovalRules.outcome(1, List.of(approve("carol")), () -> plan);

        assertThat(outcome.get().transition()).isEqualTo(Transition.APPROVE_LATER);
        assertThat(plan.startsAt()).isEqualTo(proposed);
        assertThat(plan.endsAt()).isEqualTo(proposed.plusSeconds(3_600));
        assertThat(RequestStateMachine.next(RequestStatus.PENDING_APPROVAL, outcome.get().transition())).isEqualTo(RequestStatus.SCHEDULED);
    }

    @Test
    void aProposedStartThatPassedWhileWaitingStartsAtTheApproval() {
        ActivationPlan plan = ApprovalRules.planOnApproval(POLICY, 600, NOW.minusSeconds(60), PERMANENT, NOW);
        assertThat(plan.scheduled()).isFalse();
        assertThat(plan.startsAt()).isEqualTo(NOW);
    }

    @Test
    void theWindowEndsWithTheEligibility() {
        EligibilityWindow ending = new EligibilityWindow(NOW.minusSeconds(60), NOW.plusSeconds(900));
        ActivationPlan plan = ApprovalRules.planOnApproval(POLICY, 3_600, NOW.minusSeconds(30), ending, NOW);
        assertThat(plan.endsAt()).isEqualTo(NOW.plusSeconds(900));
        assertThat(plan.durationSeconds()).isEqualTo(900);
    }

    @Test
    void anEligibilityThatEndedWhileWaitingCannotBeApproved() {
        EligibilityWindow ended = new EligibilityWindow(NOW.minusSeconds(7_200), NOW.minusSeconds(1));
        assertRejected(() -> ApprovalRules.planOnApproval(POLICY, 600, NOW.minusSeconds(3_600), ended, NOW), ErrorCode.NOT_ELIGIBLE);
    }

    @Test
    void theFirstDenyEndsTheRequestWithoutPlanning() {
        Optional<ApprovalRules.Outcome> outcome = ApprovalRules.outcome(3, List.of(approve("carol"), deny("dave")), () -> {
            throw new AssertionError("no window is planned for a denial");
        });
        assertThat(outcome).contains(new ApprovalRules.Outcome(Transition.DENY, null));
        assertThat(RequestStateMachine.next(RequestStatus.PENDING_APPROVAL, Transition.DENY)).isEqualTo(RequestStatus.DENIED);
    }

    @Test
    void whileApprovalsAreMissingNothingIsPlanned() {
        assertThat(ApprovalRules.outcome(2, List.of(approve("carol"), approve("carol")), () -> {
            throw new AssertionError("not approved yet");
        })).isEmpty();
    }
}
