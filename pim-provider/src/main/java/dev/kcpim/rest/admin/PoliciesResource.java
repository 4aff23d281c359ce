package dev.kcpim.rest.admin;

import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.PimException;
import dev.kcpim.domain.Policy;
import dev.kcpim.rest.Json;
import dev.kcpim.rest.Rest;
import dev.kcpim.rest.representation.PolicyRep;
import dev.kcpim.rest.representation.Representations;
import dev.kcpim.service.PolicyService;
import dev.kcpim.service.Roles;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.keycloak.models.RoleModel;

/** Policies at {@code pim/policies}: reading needs view-users, changing manage-realm and the right to map the role. */
public final class PoliciesResource extends AdminSubResource {

    PoliciesResource(AdminSubResource.AdminRequest context) {
        super(context);
    }

    /** Every role's effective policy that PIM manages; {@code roleName} (+ {@code clientId}) narrows it to one role, by name. */
    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response policies(@QueryParam("roleName") String roleName, @QueryParam("clientId") String clientId, @Context HttpHeaders headers) {
        permissions.requireViewUsers();
        return Rest.run(() -> {
            allowOnlyParameters("roleName", "clientId");
            PolicyService policies = new PolicyService(session, realm);
            if (empty(roleName) && empty(clientId)) {
                return Rest.list(Representations.policies(policies.list()), PolicyRep.class, headers);
            }
            RoleModel role = byName(roleName, clientId);
            return Rest.list(List.of(Representations.policy(role, policies.effective(role))), PolicyRep.class, headers);
        });
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
        return Rest.run(() -> replace(Roles.byId(session, realm, roleId), body));
    }

    /** {@code PUT /policies?roleName=&clientId=}: replaces the policy of the role so named (for kcadm.sh and scripts). */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response updatePolicyByName(@QueryParam("roleName") String roleName, @QueryParam("clientId") String clientId, String body) {
        permissions.requireManageRealm();
        return Rest.run(() -> {
            allowOnlyParameters("roleName", "clientId");
            return replace(byName(roleName, clientId), body);
        });
    }

    /** Resets the role's policy to the contract's defaults (204; audited as POLICY_DELETED when one was stored). */
    @DELETE
    @Path("{roleId}")
    public Response deletePolicy(@PathParam("roleId") String roleId) {
        permissions.requireManageRealm();
        return Rest.run(() -> {
            new PolicyService(session, realm).delete(Roles.byId(session, realm, roleId), audit(), permissions);
            return Rest.noContent();
        });
    }

    @DELETE
    public Response deletePolicyByName(@QueryParam("roleName") String roleName, @QueryParam("clientId") String clientId) {
        permissions.requireManageRealm();
        return Rest.run(() -> {
            allowOnlyParameters("roleName", "clientId");
            new PolicyService(session, realm).delete(byName(roleName, clientId), audit(), permissions);
            return Rest.noContent();
        });
    }

    /** Every role has a policy already (the defaults): there is nothing to create. */
    @POST
    public Response create() {
        permissions.requireViewUsers();
        throw Rest.methodNotAllowed("every role already has a policy (the defaults); replace it with PUT /policies/{roleId}"
                + " or PUT /policies?roleName=...&clientId=...", "GET", "PUT", "DELETE");
    }

    private Response replace(RoleModel role, String body) {
        Policy proposed = Representations.policyOf(role, Json.read(body, PolicyRep.class));
        return Rest.ok(Representations.policy(role, new PolicyService(session, realm).update(role, proposed, audit(), permissions)));
    }

    private RoleModel byName(String roleName, String clientId) {
        if (empty(roleName)) {
            throw new PimException(ErrorCode.INVALID_REQUEST, "roleName is required (with clientId for a client role)");
        }
        return Roles.resolve(session, realm, null, roleName, emptyToNull(clientId));
    }
}
