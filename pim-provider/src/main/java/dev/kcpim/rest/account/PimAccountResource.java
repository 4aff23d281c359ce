package dev.kcpim.rest.account;

import dev.kcpim.domain.Policy;
import dev.kcpim.domain.RequestStatus;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.rest.Json;
import dev.kcpim.rest.Paging;
import dev.kcpim.rest.Rest;
import dev.kcpim.rest.representation.ActivationInput;
import dev.kcpim.rest.representation.ApprovalRep;
import dev.kcpim.rest.representation.DecisionInput;
import dev.kcpim.rest.representation.EligibleRoleRep;
import dev.kcpim.rest.representation.RequestRep;
import dev.kcpim.rest.representation.ViaRep;
import dev.kcpim.service.Actor;
import dev.kcpim.service.ApprovalService;
import dev.kcpim.service.AuditLog;
import dev.kcpim.service.EligibilityService;
import dev.kcpim.service.ElevationService;
import dev.kcpim.service.PolicyService;
import dev.kcpim.service.UserEventChannel;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;

/**
 * Self-service PIM API at {@code /realms/{realm}/pim}: a user's eligible roles, activations and
 * their history, and the approvals the user decides. Every endpoint authenticates first, like
 * Keycloak's account REST API.
 */
public class PimAccountResource {

    private final KeycloakSession session;

    public PimAccountResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Path("me/eligible")
    @Produces(MediaType.APPLICATION_JSON)
    public Response eligible() {
        SelfServiceCaller caller = SelfServiceAuthenticator.authenticate(session);
        return Rest.run(() -> {
            Instant now = now();
            PolicyService policies = new PolicyService(session, caller.realm());
            ElevationService elevations = new ElevationService(session, caller.realm());
            PimStore store = PimStore.of(session);
            Set<String> seenRoles = new HashSet<>();
            List<EligibleRoleRep> result = new ArrayList<>();
            for (EligibilityService.UserEligibility eligibility : new EligibilityService(session, caller.realm()).eligibleNow(caller.user(), now)) {
                if (!seenRoles.add(eligibility.role().getId())) {
                    continue;
                }
                Policy policy = policies.effective(eligibility.role());
                RequestRep open = store.openRequest(caller.user().getId(), eligibility.role().getId()).map(elevations::rep).orElse(null);
                result.add(new EligibleRoleRep(eligibility.entity().getId(), PolicyService.rep(eligibility.role(), policy).role(),
                        new ViaRep(eligibility.direct() ? "USER" : "GROUP", eligibility.groupPath()),
                        eligibility.entity().getStartsAt(), eligibility.entity().getEndsAt(),
                        PolicyService.rep(eligibility.role(), policy), open));
            }
            return Rest.ok(result);
        });
    }

    @POST
    @Path("me/requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response activate(String body) {
        SelfServiceCaller caller = SelfServiceAuthenticator.authenticate(session);
        return Rest.run(() -> {
            AuditLog audit = audit(caller);
            ActivationInput input;
            try {
                input = Json.read(body, ActivationInput.class);
            } catch (dev.kcpim.domain.PimException e) {
                audit.recordRejection(AuditLog.entry(dev.kcpim.domain.AuditAction.ACTIVATION_REJECTED).user(caller.user().getId())
                        .detail("error", e.errorCode().code()).detail("description", e.description()), e.errorCode().code());
                throw e;
            }
            RequestRep created = new ElevationService(session, caller.realm()).activate(caller.user(), input, now(), audit);
            return Rest.created(created, session.getContext().getUri().getBaseUriBuilder()
                    .path("realms").path(caller.realm().getName()).path("pim").path("me").path("requests").path(created.id()).build());
        });
    }

    @GET
    @Path("me/requests")
    @Produces(MediaType.APPLICATION_JSON)
    public Response myRequests(@QueryParam("status") String status, @QueryParam("first") String first, @QueryParam("max") String max) {
        SelfServiceCaller caller = SelfServiceAuthenticator.authenticate(session);
        return Rest.run(() -> {
            Paging paging = Paging.of(first, max);
            RequestStatus statusFilter = status == null || status.isEmpty() ? null : RequestStatus.parse(status);
            return Rest.ok(new ElevationService(session, caller.realm())
                    .search(caller.user().getId(), null, statusFilter, paging.first(), paging.max()));
        });
    }

    @GET
    @Path("me/requests/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response myRequest(@PathParam("id") String id) {
        SelfServiceCaller caller = SelfServiceAuthenticator.authenticate(session);
        return Rest.run(() -> {
            ElevationService elevations = new ElevationService(session, caller.realm());
            return Rest.ok(elevations.rep(elevations.ownRequest(caller.user(), id)));
        });
    }

    @POST
    @Path("me/requests/{id}/deactivate")
    @Produces(MediaType.APPLICATION_JSON)
    public Response deactivate(@PathParam("id") String id) {
        SelfServiceCaller caller = SelfServiceAuthenticator.authenticate(session);
        return Rest.run(() -> Rest.ok(new ElevationService(session, caller.realm()).deactivate(caller.user(), id, now(), audit(caller))));
    }

    @POST
    @Path("me/requests/{id}/cancel")
    @Produces(MediaType.APPLICATION_JSON)
    public Response cancel(@PathParam("id") String id) {
        SelfServiceCaller caller = SelfServiceAuthenticator.authenticate(session);
        return Rest.run(() -> Rest.ok(new ElevationService(session, caller.realm()).cancel(caller.user(), id, now(), audit(caller))));
    }

    /**
     * Pending requests the caller may decide (never their own, nor those they already decided), oldest
     * first, each with its role's policy and approval deadline. The header {@code X-PIM-Approver} says
     * whether the caller approves for any role, so a client can show or hide its approvals page.
     */
    @GET
    @Path("approvals")
    @Produces(MediaType.APPLICATION_JSON)
    public Response approvals(@QueryParam("first") String first, @QueryParam("max") String max) {
        SelfServiceCaller caller = SelfServiceAuthenticator.authenticate(session);
        return Rest.run(() -> {
            Paging paging = Paging.of(first, max);
            ApprovalService approvals = new ApprovalService(session, caller.realm());
            ElevationService elevations = new ElevationService(session, caller.realm());
            List<ApprovalService.Awaiting> awaiting = approvals.awaiting(caller.user());
            List<ApprovalService.Awaiting> page = awaiting.subList(Math.min(paging.first(), awaiting.size()),
                    Math.min(paging.first() + paging.max(), awaiting.size()));
            List<RequestRep> requests = elevations.reps(page.stream().map(ApprovalService.Awaiting::request).toList());
            List<ApprovalRep> result = new ArrayList<>();
            for (int i = 0; i < page.size(); i++) {
                ApprovalService.Awaiting a = page.get(i);
                result.add(new ApprovalRep(requests.get(i), PolicyService.rep(a.role(), a.policy()), a.request().getApprovalDeadline()));
            }
            boolean approver = !awaiting.isEmpty() || approvals.isApproverOfAnyRole(caller.user());
            return Response.fromResponse(Rest.ok(result)).header("X-PIM-Approver", String.valueOf(approver)).build();
        });
    }

    /** Approve or deny a pending request: {@code {"decision": "APPROVE"|"DENY", "reason", "otp"}}. */
    @POST
    @Path("approvals/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response decide(@PathParam("id") String id, String body) {
        SelfServiceCaller caller = SelfServiceAuthenticator.authenticate(session);
        return Rest.run(() -> {
            AuditLog audit = audit(caller);
            DecisionInput input;
            try {
                input = Json.read(body, DecisionInput.class);
            } catch (dev.kcpim.domain.PimException e) {
                audit.recordRejection(AuditLog.entry(dev.kcpim.domain.AuditAction.DECISION_REJECTED)
                        .request(id != null && id.length() <= 36 ? id : null)
                        .detail("error", e.errorCode().code()).detail("description", e.description()), e.errorCode().code());
                throw e;
            }
            return Rest.ok(new ApprovalService(session, caller.realm())
                    .decide(caller.user(), id, input.decision(), input.reason(), input.otp(), now(), audit));
        });
    }

    private AuditLog audit(SelfServiceCaller caller) {
        EventBuilder event = new EventBuilder(caller.realm(), session, session.getContext().getConnection())
                .client(caller.realm().getClientByClientId(caller.clientId()))
                .user(caller.user());
        return new AuditLog(session, caller.realm(), Actor.of(caller.user()), new UserEventChannel(event));
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }
}
