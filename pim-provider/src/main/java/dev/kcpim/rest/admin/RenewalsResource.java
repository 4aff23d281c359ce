package dev.kcpim.rest.admin;

import dev.kcpim.domain.RenewalStatus;
import dev.kcpim.rest.Json;
import dev.kcpim.rest.Paging;
import dev.kcpim.rest.Rest;
import dev.kcpim.rest.representation.RenewalRep;
import dev.kcpim.rest.representation.Representations;
import dev.kcpim.service.RenewalService;
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

/**
 * Users' renewal requests of their eligibilities at {@code pim/renewals}: listed and decided by admins with
 * manage-users (the contract's rule for both); approving also needs the right to grant the role to the user.
 */
public final class RenewalsResource extends AdminSubResource {

    RenewalsResource(AdminSubResource.AdminRequest context) {
        super(context);
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response renewals(@QueryParam("status") String status, @QueryParam("first") String first, @QueryParam("max") String max,
                             @Context HttpHeaders headers) {
        permissions.requireManageUsers();
        return Rest.run(() -> {
            allowOnlyParameters("status", "first", "max");
            Paging paging = Paging.of(first, max);
            RenewalStatus filter = empty(status) ? null : RenewalStatus.parse(status);
            return Rest.list(Representations.renewals(session, realm, new RenewalService(session, realm).search(filter, paging.first(), paging.max())),
                    RenewalRep.class, headers);
        });
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response decide(@PathParam("id") String id, String body) {
        permissions.requireManageUsers();
        return Rest.run(() -> {
            RenewalRep.Decision input = Json.read(body, RenewalRep.Decision.class);
            return Rest.ok(Representations.renewal(session, realm, new RenewalService(session, realm).decide(id,
                    new RenewalService.DecisionCommand(input.decision(), input.endsAt(), input.reason()), now(), audit(), permissions)));
        });
    }
}
