package dev.kcpim.it.support;

import java.util.HashMap;
import java.util.Map;

/** The approver's side of the self-service API ({@code /realms/{realm}/pim/approvals}). */
public final class Approvals {
    private Approvals() {
    }

    /** {@code POST /approvals/{requestId}} as the approver; decision and reason may be null (sent as JSON null). */
    public static Http.Response decide(TestUser approver, String requestId, String decision, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("decision", decision);
        body.put("reason", reason);
        return approver.post("/approvals/" + requestId, body);
    }
}
