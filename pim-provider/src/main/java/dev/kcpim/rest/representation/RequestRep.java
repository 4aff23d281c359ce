package dev.kcpim.rest.representation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A request (contract v1), extended with who made it ({@code requestedBy}: the user for an activation,
 * the admin for an assignment), while it waits for approvers, when it times out, and for an EXTENSION the request it
 * extends ({@code extends}); {@code extensions} counts how often an elevation's end was moved later.
 */
public record RequestRep(String id, UserRef user, RoleRep role, String eligibilityId, String kind, String status,
                         long requestedAt, String requestedBy, long startsAt, long endsAt, long durationSeconds,
                         String justification, String ticket, List<DecisionRep> decisions,
                         Long approvalDeadline, Long endedAt, String endReason,
                         @JsonProperty("extends") String extendsId, int extensions) {
}
