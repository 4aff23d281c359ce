package dev.kcpim.rest.admin;

import dev.kcpim.rest.Json;
import dev.kcpim.rest.Rest;
import dev.kcpim.rest.representation.Representations;
import dev.kcpim.rest.representation.RequestRep;
import dev.kcpim.service.ActivationService;
import dev.kcpim.service.AssignmentCommand;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Time-bound active assignments at {@code pim/assignments}: manage-users and the right to map the role to the user. */
public final class AssignmentsResource extends AdminSubResource {

    AssignmentsResource(AdminSubResource.AdminRequest context) {
        super(context);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response assign(String body) {
        permissions.requireManageUsers();
        return Rest.run(() -> {
            RequestRep created = Representations.request(new ActivationService(session, realm)
                    .assign(Json.read(body, AssignmentCommand.class), now(), audit(), permissions));
            return Rest.created(created, location("requests", created.id()));
        });
    }
}
