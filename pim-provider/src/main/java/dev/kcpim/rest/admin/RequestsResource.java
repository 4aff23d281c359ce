package dev.kcpim.rest.admin;

import dev.kcpim.domain.RequestStatus;
import dev.kcpim.rest.Json;
import dev.kcpim.rest.Paging;
import dev.kcpim.rest.Rest;
import dev.kcpim.rest.representation.RequestRep;
import dev.kcpim.rest.representation.ReasonInput;
import dev.kcpim.rest.representation.Representations;
import dev.kcpim.service.ElevationService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Requests and elevations at {@code pim/requests}: reading needs view-users, revoking manage-users and the right to map the role. */
public final class RequestsResource extends AdminSubResource {

    RequestsResource(AdminSubResource.AdminRequest context) {
        super(context);
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response requests(@QueryParam("status") String status, @QueryParam("userId") String userId,
                             @QueryParam("roleId") String roleId, @QueryParam("first") String first,
                             @QueryParam("max") String max, @Context HttpHeaders headers) {
        permissions.requireViewUsers();
        return Rest.run(() -> {
            allowOnlyParameters("status", "userId", "roleId", "first", "max");
            Paging paging = Paging.of(first, max);
            RequestStatus statusFilter = empty(status) ? null : RequestStatus.parse(status);
            return Rest.list(Representations.requests(new ElevationService(session, realm).search(emptyToNull(userId), emptyToNull(roleId),
                    statusFilter, paging.first(), paging.max())), RequestRep.class, headers);
        });
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response request(@PathParam("id") String id) {
        permissions.requireViewUsers();
        return Rest.run(() -> Rest.ok(Representations.request(new ElevationService(session, realm).get(id))));
    }

    @POST
    @Path("{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(@PathParam("id") String id, String body) {
        permissions.requireManageUsers();
        return Rest.run(() -> {
            ReasonInput input = body == null || body.isBlank() ? new ReasonInput(null) : Json.read(body, ReasonInput.class);
            return Rest.ok(Representations.request(new ElevationService(session, realm).revoke(id, input.reason(), now(), audit(), permissions)));
        });
    }
}
