package dev.kcpim.rest.representation;

import java.util.List;

/**
 * A request (contract v1), extended with who made it ({@code requestedBy}: the user for an activation,
 * the admin for an assignment) and, while it waits for approvers, when it times out.
 */
public record RequestRep(String id, UserRef user, RoleRep role, String eligibilityId, String kind, String status,
                         long requestedAt, String requestedBy, long startsAt, long endsAt, long durationSeconds,
                         String justification, String ticket, List<DecisionRep> decisions,
                         Long approvalDeadline, Long endedAt, String endReason) {
}
