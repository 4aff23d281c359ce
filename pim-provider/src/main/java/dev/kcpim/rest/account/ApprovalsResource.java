package dev.kcpim.rest.account;

import dev.kcpim.domain.AuditAction;
import dev.kcpim.rest.Paging;
import dev.kcpim.rest.Rest;
import dev.kcpim.rest.representation.ApprovalRep;
import dev.kcpim.rest.representation.DecisionInput;
import dev.kcpim.rest.representation.Representations;
import dev.kcpim.service.ApprovalService;
import dev.kcpim.service.AuditLog;
import dev.kcpim.service.RequestView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;

/** The approvals the caller decides, at {@code /realms/{realm}/pim/approvals}. The caller is authenticated once, by {@link PimAccountResource}. */
public final class ApprovalsResource {

    private final KeycloakSession session;
    private final SelfServiceCaller caller;

    ApprovalsResource(KeycloakSession session, SelfServiceCaller caller) {
        this.session = session;
        this.caller = caller;
    }

    /**
     * Pending requests the caller may decide (never their own, nor those they already decided), oldest
     * first, each with its role's policy and approval deadline. The header {@code X-PIM-Approver} says
     * whether the caller approves for any role, so a client can show or hide its approvals page.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response approvals(@QueryParam("first") String first, @QueryParam("max") String max) {
        return Rest.run(() -> {
            Paging paging = Paging.of(first, max);
            ApprovalService approvals = new ApprovalService(session, caller.realm());
            List<ApprovalService.Awaiting> awaiting = approvals.awaiting(caller.user());
            List<ApprovalService.Awaiting> page = awaiting.subList(Math.min(paging.first(), awaiting.size()),
                    Math.min(paging.first() + paging.max(), awaiting.size()));
            List<RequestView> requests = RequestView.of(session, caller.realm(), page.stream().map(ApprovalService.Awaiting::request).toList());
            List<ApprovalRep> result = new ArrayList<>();
            for (int i = 0; i < page.size(); i++) {
                result.add(Representations.approval(page.get(i), requests.get(i)));
            }
            boolean approver = !awaiting.isEmpty() || approvals.isApproverOfAnyRole(caller.user());
            return Response.fromResponse(Rest.ok(result)).header("X-PIM-Approver", String.valueOf(approver)).build();
        });
    }

    /** Approve or deny a pending request: {@code {"decision": "APPROVE"|"DENY", "reason", "otp"}}. */
    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response decide(@PathParam("id") String id, String body) {
        return Rest.run(() -> {
            AuditLog audit = caller.audit();
            DecisionInput input = SelfServiceCaller.readBody(body, DecisionInput.class, audit,
                    AuditLog.entry(AuditAction.DECISION_REJECTED).request(id != null && id.length() <= 36 ? id : null));
            return Rest.ok(Representations.request(new ApprovalService(session, caller.realm())
                    .decide(caller.user(), id, input.decision(), input.reason(), input.otp(), now(), audit)));
        });
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }
}
