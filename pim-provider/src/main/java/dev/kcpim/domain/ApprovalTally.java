package dev.kcpim.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

public final class ApprovalTally {

    public enum Outcome { PENDING, APPROVED, DENIED }

    public record DecisionRecord(String approverId, Decision decision, Instant at) {
        public DecisionRecord {
            Objects.requireNonNull(approverId, "approverId");
            Objects.requireNonNull(decision, "decision");
        }
    }

    private ApprovalTally() {
    }

    /** Any DENY denies; otherwise approved once {@code minApprovals} distinct approvers approved. */
    public static Outcome evaluate(int minApprovals, List<DecisionRecord> decisions) {
        if (minApprovals < 1) {
            throw new IllegalArgumentException("minApprovals must be at least 1");
        }
        if (decisions.stream().anyMatch(d -> d.decision() == Decision.DENY)) {
            return Outcome.DENIED;
        }
        long approvers = decisions.stream()
                .filter(d -> d.decision() == Decision.APPROVE)
                .map(DecisionRecord::approverId)
                .distinct()
                .count();
        return approvers >= minApprovals ? Outcome.APPROVED : Outcome.PENDING;
    }

    public static boolean hasDecided(String approverId, List<DecisionRecord> decisions) {
        return decisions.stream().anyMatch(d -> d.approverId().equals(approverId));
    }
}
