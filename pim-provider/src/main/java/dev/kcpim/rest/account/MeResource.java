package dev.kcpim.rest.account;

import dev.kcpim.domain.AuditAction;
import dev.kcpim.domain.RequestStatus;
import dev.kcpim.rest.Paging;
import dev.kcpim.rest.Rest;
import dev.kcpim.rest.representation.Representations;
import dev.kcpim.rest.representation.RenewalRep;
import dev.kcpim.rest.representation.RequestRep;
import dev.kcpim.service.ActivationCommand;
import dev.kcpim.service.ActivationService;
import dev.kcpim.service.ExtensionCommand;
import dev.kcpim.service.ExtensionService;
import dev.kcpim.service.AuditLog;
import dev.kcpim.service.EligibleRoles;
import dev.kcpim.service.ElevationService;
import dev.kcpim.service.RenewalService;
import dev.kcpim.service.SettingsService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
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
        return Rest.run(() -> Rest.ok(new EligibleRoles(session, caller.realm()).of(caller.user(), now()).stream()
                .map(Representations::eligibleRole).toList()));
    }

    /** What the account console needs of the realm's settings: how long before its end an elevation counts as ending soon. */
    @GET
    @Path("settings")
    @Produces(MediaType.APPLICATION_JSON)
    public Response settings() {
        return Rest.run(() -> Rest.ok(Map.of("elevationEndingReminderMinutes",
                new SettingsService(caller.realm()).current().elevationEndingReminderMinutes())));
    }

    @POST
    @Path("requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response activate(String body) {
        return Rest.run(() -> {
            AuditLog audit = caller.audit();
            ActivationCommand input = SelfServiceCaller.readBody(body, ActivationCommand.class, audit,
                    AuditLog.entry(AuditAction.ACTIVATION_REJECTED).user(caller.user().getId()));
            RequestRep created = Representations.request(new ActivationService(session, caller.realm()).activate(caller.user(), input, now(), audit));
            return Rest.created(created, requestLocation(created.id()));
        });
    }

    @GET
    @Path("requests")
    @Produces(MediaType.APPLICATION_JSON)
    public Response myRequests(@QueryParam("status") String status, @QueryParam("first") String first, @QueryParam("max") String max) {
        return Rest.run(() -> {
            Paging paging = Paging.of(first, max);
            RequestStatus statusFilter = status == null || status.isEmpty() ? null : RequestStatus.parse(status);
            return Rest.ok(Representations.requests(new ElevationService(session, caller.realm())
                    .search(caller.user().getId(), null, statusFilter, paging.first(), paging.max())));
        });
    }

    @GET
    @Path("requests/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response myRequest(@PathParam("id") String id) {
        return Rest.run(() -> Rest.ok(Representations.request(new ElevationService(session, caller.realm()).own(caller.user(), id))));
    }

    @POST
    @Path("requests/{id}/deactivate")
    @Produces(MediaType.APPLICATION_JSON)
    public Response deactivate(@PathParam("id") String id) {
        return Rest.run(() -> Rest.ok(Representations.request(
                new ElevationService(session, caller.realm()).deactivate(caller.user(), id, now(), caller.audit()))));
    }

    @POST
    @Path("requests/{id}/extend")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response extend(@PathParam("id") String id, String body) {
        return Rest.run(() -> {
            AuditLog audit = caller.audit();
            ExtensionCommand input = SelfServiceCaller.readBody(body, ExtensionCommand.class, audit,
                    AuditLog.entry(AuditAction.EXTENSION_REJECTED).user(caller.user().getId()));
            RequestRep result = Representations.request(new ExtensionService(session, caller.realm()).extend(caller.user(), id, input, now(), audit));
            if (!result.id().equals(id)) {
                return Rest.created(result, requestLocation(result.id()));
            }
            return Rest.ok(result);
        });
    }

    @POST
    @Path("eligibilities/{id}/renew")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response renew(@PathParam("id") String id, String body) {
        return Rest.run(() -> {
            AuditLog audit = caller.audit();
            RenewalRep.Request input = SelfServiceCaller.readBody(body, RenewalRep.Request.class, audit,
                    AuditLog.entry(AuditAction.RENEWAL_REJECTED).user(caller.user().getId()));
            RenewalRep created = Representations.renewal(session, caller.realm(),
                    new RenewalService(session, caller.realm()).request(caller.user(), id, input.justification(), now(), audit));
            return Rest.created(created, session.getContext().getUri().getBaseUriBuilder()
                    .path("realms").path(caller.realm().getName()).path("pim").path("me").path("renewals").build());
        });
    }

    /** The caller's own eligibilities that may be renewed now, ended ones included (see RenewalService#renewable). */
    @GET
    @Path("renewable")
    @Produces(MediaType.APPLICATION_JSON)
    public Response renewable() {
        return Rest.run(() -> Rest.ok(Representations.eligibilities(new RenewalService(session, caller.realm()).renewable(caller.user(), now()))));
    }

    @GET
    @Path("renewals")
    @Produces(MediaType.APPLICATION_JSON)
    public Response myRenewals(@QueryParam("first") String first, @QueryParam("max") String max) {
        return Rest.run(() -> {
            Paging paging = Paging.of(first, max);
            return Rest.ok(Representations.renewals(session, caller.realm(),
                    new RenewalService(session, caller.realm()).ownRenewals(caller.user(), paging.first(), paging.max())));
        });
    }

    @POST
    @Path("requests/{id}/cancel")
    @Produces(MediaType.APPLICATION_JSON)
    public Response cancel(@PathParam("id") String id) {
        return Rest.run(() -> Rest.ok(Representations.request(
                new ElevationService(session, caller.realm()).cancel(caller.user(), id, now(), caller.audit()))));
    }

    private URI requestLocation(String requestId) {
        return session.getContext().getUri().getBaseUriBuilder()
                .path("realms").path(caller.realm().getName()).path("pim").path("me").path("requests").path(requestId).build();
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }
}
