package dev.kcpim.rest.account;

import dev.kcpim.domain.Policy;
import dev.kcpim.domain.RequestStatus;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.rest.Json;
import dev.kcpim.rest.Paging;
import dev.kcpim.rest.Rest;
import dev.kcpim.rest.representation.ActivationInput;
import dev.kcpim.rest.representation.EligibleRoleRep;
import dev.kcpim.rest.representation.RequestRep;
import dev.kcpim.rest.representation.ViaRep;
import dev.kcpim.service.AuditLog;
import dev.kcpim.service.EligibilityService;
import dev.kcpim.service.ElevationService;
import dev.kcpim.service.PolicyService;
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
import org.keycloak.models.KeycloakSession;

/** The caller's own PIM: eligible roles, activations and their history, at {@code /realms/{realm}/pim/me}. The caller is authenticated once, by {@link PimAccountResource}. */
public final class MeResource {

    private final KeycloakSession session;
    private final SelfServiceCaller caller;

    MeResource(KeycloakSession session, SelfServiceCaller caller) {
        this.session = session;
        this.caller = caller;
    }

    @GET
    @Path("eligible")
    @Produces(MediaType.APPLICATION_JSON)
    public Response eligible() {
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
    @Path("requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response activate(String body) {
        return Rest.run(() -> {
            AuditLog audit = caller.audit();
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
    @Path("requests")
    @Produces(MediaType.APPLICATION_JSON)
    public Response myRequests(@QueryParam("status") String status, @QueryParam("first") String first, @QueryParam("max") String max) {
        return Rest.run(() -> {
            Paging paging = Paging.of(first, max);
            RequestStatus statusFilter = status == null || status.isEmpty() ? null : RequestStatus.parse(status);
            return Rest.ok(new ElevationService(session, caller.realm())
                    .search(caller.user().getId(), null, statusFilter, paging.first(), paging.max()));
        });
    }

    @GET
    @Path("requests/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response myRequest(@PathParam("id") String id) {
        return Rest.run(() -> {
            ElevationService elevations = new ElevationService(session, caller.realm());
            return Rest.ok(elevations.rep(elevations.ownRequest(caller.user(), id)));
        });
    }

    @POST
    @Path("requests/{id}/deactivate")
    @Produces(MediaType.APPLICATION_JSON)
    public Response deactivate(@PathParam("id") String id) {
        return Rest.run(() -> Rest.ok(new ElevationService(session, caller.realm()).deactivate(caller.user(), id, now(), caller.audit())));
    }

    @POST
    @Path("requests/{id}/cancel")
    @Produces(MediaType.APPLICATION_JSON)
    public Response cancel(@PathParam("id") String id) {
        return Rest.run(() -> Rest.ok(new ElevationService(session, caller.realm()).cancel(caller.user(), id, now(), caller.audit())));
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }
}
