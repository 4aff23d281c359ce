package dev.kcpim.rest.admin;

import dev.kcpim.domain.Policy;
import dev.kcpim.rest.Json;
import dev.kcpim.rest.Rest;
import dev.kcpim.rest.representation.PolicyRep;
import dev.kcpim.rest.representation.Representations;
import dev.kcpim.service.PolicyService;
import dev.kcpim.service.Roles;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.RoleModel;

/** Policies at {@code pim/policies}: reading needs view-users, changing manage-realm and the right to map the role. */
public final class PoliciesResource extends AdminSubResource {

    PoliciesResource(AdminSubResource.AdminRequest context) {
        super(context);
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response policies(@Context HttpHeaders headers) {
        permissions.requireViewUsers();
        return Rest.run(() -> Rest.list(Representations.policies(new PolicyService(session, realm).list()), PolicyRep.class, headers));
    }

    @GET
    @Path("{roleId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response policy(@PathParam("roleId") String roleId) {
        permissions.requireViewUsers();
        return Rest.run(() -> {
            RoleModel role = Roles.byId(session, realm, roleId);
            return Rest.ok(Representations.policy(role, new PolicyService(session, realm).effective(role)));
        });
    }

    @PUT
    @Path("{roleId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response updatePolicy(@PathParam("roleId") String roleId, String body) {
        permissions.requireManageRealm();
        return Rest.run(() -> {
            RoleModel role = Roles.byId(session, realm, roleId);
            Policy proposed = Representations.policyOf(role, Json.read(body, PolicyRep.class));
            return Rest.ok(Representations.policy(role, new PolicyService(session, realm).update(role, proposed, audit(), permissions)));
        });
    }
}
