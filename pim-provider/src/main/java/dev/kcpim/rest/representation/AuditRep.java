package dev.kcpim.rest.representation;

import com.fasterxml.jackson.databind.JsonNode;

public record AuditRep(long seq, long at, UserRef actor, String action, String userId, String roleId,
                       String requestId, JsonNode details) {
}
