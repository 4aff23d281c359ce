package dev.kcpim.rest.admin;

import dev.kcpim.domain.EligibilityState;
import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.PimException;
import dev.kcpim.rest.Json;
import dev.kcpim.rest.Paging;
import dev.kcpim.rest.Rest;
import dev.kcpim.rest.representation.EligibilityRep;
import dev.kcpim.rest.representation.Representations;
import dev.kcpim.service.EligibilityCommand;
import dev.kcpim.service.EligibilityFilter;
import dev.kcpim.service.EligibilityService;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Eligibilities at {@code pim/eligibilities}: reading needs view-users, changing manage-users and the right to map the role to the principal. */
public final class EligibilitiesResource extends AdminSubResource {

    EligibilitiesResource(AdminSubResource.AdminRequest context) {
        super(context);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response createEligibility(String body) {
        permissions.requireManageUsers();
        return Rest.run(() -> {
            EligibilityRep created = Representations.eligibility(new EligibilityService(session, realm)
                    .create(Json.read(body, EligibilityCommand.class), now(), audit(), permissions));
            return Rest.created(created, location("eligibilities", created.id()));
        });
    }

    /** Filters: a role (roleId, or roleName + clientId), a user (userId or username: direct and group eligibilities), state. */
    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response eligibilities(@QueryParam("roleId") String roleId, @QueryParam("roleName") String roleName,
                                  @QueryParam("clientId") String clientId, @QueryParam("userId") String userId,
                                  @QueryParam("username") String username, @QueryParam("state") String state,
                                  @QueryParam("first") String first, @QueryParam("max") String max, @Context HttpHeaders headers) {
        permissions.requireViewUsers();
        return Rest.run(() -> {
            allowOnlyParameters("roleId", "roleName", "clientId", "userId", "username", "state", "first", "max");
            Paging paging = Paging.of(first, max);
            EligibilityFilter filter = new EligibilityFilter(emptyToNull(roleId), emptyToNull(roleName), emptyToNull(clientId),
                    emptyToNull(userId), emptyToNull(username), empty(state) ? null : EligibilityState.parse(state));
            return Rest.list(Representations.eligibilities(new EligibilityService(session, realm).search(filter, now(),
                    paging.first(), paging.max())), EligibilityRep.class, headers);
        });
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response eligibility(@PathParam("id") String id) {
        permissions.requireViewUsers();
        return Rest.run(() -> Rest.ok(Representations.eligibility(new EligibilityService(session, realm).get(id, now()))));
    }

    @DELETE
    @Path("{id}")
    public Response deleteEligibility(@PathParam("id") String id) {
        permissions.requireManageUsers();
        return Rest.run(() -> {
            new EligibilityService(session, realm).delete(id, now(), audit(), permissions);
            return Rest.noContent();
        });
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response changeEligibility(@PathParam("id") String id, String body) {
        permissions.requireManageUsers();
        return Rest.run(() -> {
            JsonNode input = Json.read(body == null || body.isBlank() ? "{}" : body, JsonNode.class);
            if (!input.isObject() || !input.has("endsAt") || !(input.get("endsAt").isNull() || input.get("endsAt").canConvertToLong())) {
                throw new PimException(ErrorCode.INVALID_REQUEST, "the body must name endsAt: epoch milliseconds, or null for permanent");
            }
            Long endsAt = input.get("endsAt").isNull() ? null : input.get("endsAt").asLong();
            return Rest.ok(Representations.eligibility(new EligibilityService(session, realm).changeEnd(id, endsAt, now(), audit(), permissions)));
        });
    }
}
