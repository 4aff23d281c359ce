package dev.kcpim.rest.representation;

import java.util.List;

public record RequestRep(String id, UserRef user, RoleRep role, String eligibilityId, String kind, String status,
                         long requestedAt, long startsAt, long endsAt, long durationSeconds,
                         String justification, String ticket, List<DecisionRep> decisions,
                         Long endedAt, String endReason) {
}
