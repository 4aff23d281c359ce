package dev.kcpim.domain;

import static dev.kcpim.domain.ApprovalTally.Outcome.APPROVED;
import static dev.kcpim.domain.ApprovalTally.Outcome.DENIED;
import static dev.kcpim.domain.ApprovalTally.Outcome.PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import dev.kcpim.domain.ApprovalTally.DecisionRecord;
import org.junit.jupiter.api.Test;

class ApprovalTallyTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    private static DecisionRecord approve(String approver) {
        return new DecisionRecord(approver, Decision.APPROVE, NOW);
    }

    private static DecisionRecord deny(String approver) {
        return new DecisionRecord(approver, Decision.DENY, NOW);
    }

    @Test
    void noDecisionsIsPending() {
        assertThat(ApprovalTally.evaluate(1, List.of())).isEqualTo(PENDING);
    }

    @Test
    void oneApprovalSufficesForOne() {
        assertThat(ApprovalTally.evaluate(1, List.of(approve("alice")))).isEqualTo(APPROVED);
    }

    @Test
    void approvedOnceEnoughDistinctApproversApproved() {
        assertThat(ApprovalTally.evaluate(2, List.of(approve("alice")))).isEqualTo(PENDING);
        assertThat(ApprovalTally.evaluate(2, List.of(approve("alice"), approve("bob")))).isEqualTo(APPROVED);
        assertThat(ApprovalTally.evaluate(2, List.of(approve("alice"), approve("bob"), approve("carol"))))
                .isEqualTo(APPROVED);
    }

    @Test
    void theSameApproverCountsOnce() {
        assertThat(ApprovalTally.evaluate(2, List.of(approve("alice"), approve("alice")))).isEqualTo(PENDING);
        assertThat(ApprovalTally.evaluate(3, List.of(approve("alice"), approve("bob"), approve("alice"))))
                .isEqualTo(PENDING);
    }

    @Test
    void anyDenialDenies() {
        assertThat(ApprovalTally.evaluate(1, List.of(deny("alice")))).isEqualTo(DENIED);
        assertThat(ApprovalTally.evaluate(1, List.of(approve("alice"), deny("bob")))).isEqualTo(DENIED);
        assertThat(ApprovalTally.evaluate(3, List.of(approve("alice"), approve("bob"), deny("carol"))))
                .isEqualTo(DENIED);
    }

    @Test
    void minApprovalsBelowOneIsAProgrammingError() {
        assertThatThrownBy(() -> ApprovalTally.evaluate(0, List.of(approve("alice"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hasDecidedFindsEitherKindOfDecision() {
        List<DecisionRecord> decisions = List.of(approve("alice"), deny("bob"));

        assertThat(ApprovalTally.hasDecided("alice", decisions)).isTrue();
        assertThat(ApprovalTally.hasDecided("bob", decisions)).isTrue();
        assertThat(ApprovalTally.hasDecided("carol", decisions)).isFalse();
    }
}
