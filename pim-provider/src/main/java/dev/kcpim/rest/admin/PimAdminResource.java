package dev.kcpim.rest.admin;

import dev.kcpim.domain.AuditAction;
import dev.kcpim.domain.EligibilityState;
import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.PimException;
import dev.kcpim.domain.RequestStatus;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.rest.Json;
import dev.kcpim.rest.Paging;
import dev.kcpim.rest.Rest;
import dev.kcpim.rest.representation.AssignmentInput;
import dev.kcpim.rest.representation.AuditRep;
import dev.kcpim.rest.representation.EligibilityInput;
import dev.kcpim.rest.representation.EligibilityRep;
import dev.kcpim.rest.representation.RequestRep;
import dev.kcpim.rest.representation.PolicyRep;
import dev.kcpim.rest.representation.ReasonInput;
import dev.kcpim.rest.representation.UserRef;
import dev.kcpim.service.Actor;
import dev.kcpim.service.AdminEventChannel;
import dev.kcpim.service.AuditLog;
import dev.kcpim.service.EligibilityService;
import dev.kcpim.service.ElevationService;
import dev.kcpim.service.PolicyService;
import dev.kcpim.service.Roles;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * PIM administration at {@code /admin/realms/{realm}/pim} (kcadm.sh: {@code pim/...}). Keycloak has
 * authenticated the admin; each endpoint checks the permission the contract names before anything else.
 */
public class PimAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminAuthorization permissions;
    private final AdminEventBuilder adminEvent;

    public PimAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.permissions = new AdminAuthorization(realm, auth);
        this.adminEvent = adminEvent;
    }

    // --- policies

    @GET
    @Path("policies")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response policies(@Context HttpHeaders headers) {
        permissions.requireViewUsers();
        return Rest.run(() -> Rest.list(new PolicyService(session, realm).list(), PolicyRep.class, headers));
    }

    @GET
    @Path("policies/{roleId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response policy(@PathParam("roleId") String roleId) {
        permissions.requireViewUsers();
        return Rest.run(() -> {
            RoleModel role = Roles.byId(session, realm, roleId);
            return Rest.ok(PolicyService.rep(role, new PolicyService(session, realm).effective(role)));
        });
    }

    @PUT
    @Path("policies/{roleId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response updatePolicy(@PathParam("roleId") String roleId, String body) {
        permissions.requireManageRealm();
        return Rest.run(() -> {
            RoleModel role = Roles.byId(session, realm, roleId);
            PolicyRep input = Json.read(body, PolicyRep.class);
            return Rest.ok(PolicyService.rep(role, new PolicyService(session, realm).update(role, input, audit(), permissions)));
        });
    }

    // --- eligibilities

    @POST
    @Path("eligibilities")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response createEligibility(String body) {
        permissions.requireManageUsers();
        return Rest.run(() -> {
            EligibilityRep created = new EligibilityService(session, realm).create(Json.read(body, EligibilityInput.class), now(), audit(), permissions);
            return Rest.created(created, location("eligibilities", created.id()));
        });
    }

    @GET
    @Path("eligibilities")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response eligibilities(@QueryParam("roleId") String roleId, @QueryParam("userId") String userId,
                                  @QueryParam("state") String state, @QueryParam("first") String first,
                                  @QueryParam("max") String max, @Context HttpHeaders headers) {
        permissions.requireViewUsers();
        return Rest.run(() -> {
            Paging paging = Paging.of(first, max);
            EligibilityState stateFilter = empty(state) ? null : EligibilityState.parse(state);
            return Rest.list(new EligibilityService(session, realm).search(emptyToNull(roleId), emptyToNull(userId), stateFilter, now(),
                    paging.first(), paging.max()), EligibilityRep.class, headers);
        });
    }

    @GET
    @Path("eligibilities/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response eligibility(@PathParam("id") String id) {
        permissions.requireViewUsers();
        return Rest.run(() -> {
            EligibilityService eligibilities = new EligibilityService(session, realm);
            return Rest.ok(eligibilities.rep(eligibilities.get(id), now()));
        });
    }

    @DELETE
    @Path("eligibilities/{id}")
    public Response deleteEligibility(@PathParam("id") String id) {
        permissions.requireManageUsers();
        return Rest.run(() -> {
            new EligibilityService(session, realm).delete(id, now(), audit(), permissions);
            return Rest.noContent();
        });
    }

    @PATCH
    @Path("eligibilities/{id}")
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
            return Rest.ok(new EligibilityService(session, realm).changeEnd(id, endsAt, now(), audit(), permissions));
        });
    }

    // --- assignments and requests

    @POST
    @Path("assignments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response assign(String body) {
        permissions.requireManageUsers();
        return Rest.run(() -> {
            RequestRep created = new ElevationService(session, realm).assign(Json.read(body, AssignmentInput.class), now(), audit(), permissions);
            return Rest.created(created, location("requests", created.id()));
        });
    }

    @GET
    @Path("requests")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response requests(@QueryParam("status") String status, @QueryParam("userId") String userId,
                             @QueryParam("roleId") String roleId, @QueryParam("first") String first,
                             @QueryParam("max") String max, @Context HttpHeaders headers) {
        permissions.requireViewUsers();
        return Rest.run(() -> {
            Paging paging = Paging.of(first, max);
            RequestStatus statusFilter = empty(status) ? null : RequestStatus.parse(status);
            return Rest.list(new ElevationService(session, realm).search(emptyToNull(userId), emptyToNull(roleId), statusFilter,
                    paging.first(), paging.max()), RequestRep.class, headers);
        });
    }

    @GET
    @Path("requests/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response request(@PathParam("id") String id) {
        permissions.requireViewUsers();
        return Rest.run(() -> {
            ElevationService elevations = new ElevationService(session, realm);
            return Rest.ok(elevations.rep(PimStore.of(session).request(realm.getId(), id)
                    .orElseThrow(() -> new PimException(ErrorCode.NOT_FOUND, "request not found"))));
        });
    }

    @POST
    @Path("requests/{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(@PathParam("id") String id, String body) {
        permissions.requireManageUsers();
        return Rest.run(() -> {
            ReasonInput input = body == null || body.isBlank() ? new ReasonInput(null) : Json.read(body, ReasonInput.class);
            return Rest.ok(new ElevationService(session, realm).revoke(id, input.reason(), now(), audit(), permissions));
        });
    }

    // --- audit

    @GET
    @Path("audit")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response audit(@QueryParam("userId") String userId, @QueryParam("action") String action,
                          @QueryParam("first") String first, @QueryParam("max") String max, @Context HttpHeaders headers) {
        permissions.requireViewUsers();
        return Rest.run(() -> {
            Paging paging = Paging.of(first, max);
            AuditAction actionFilter = empty(action) ? null : AuditAction.parse(action);
            List<AuditRep> entries = PimStore.of(session).searchAudit(realm.getId(), emptyToNull(userId), actionFilter, paging.first(), paging.max())
                    .stream()
                    .map(a -> new AuditRep(a.getSeq(), a.getAt(), new UserRef(a.getActorId(), a.getActorUsername()), a.getAction().name(),
                            a.getUserId(), a.getRoleId(), a.getRequestId(), a.getDetails() == null ? null : Json.read(a.getDetails(), JsonNode.class)))
                    .toList();
            return Rest.list(entries, AuditRep.class, headers);
        });
    }

    private java.net.URI location(String collection, String id) {
        return session.getContext().getUri().getBaseUriBuilder()
                .path("admin").path("realms").path(realm.getName()).path("pim").path(collection).path(id).build();
    }

    private AuditLog audit() {
        return new AuditLog(session, realm, Actor.of(auth.adminAuth().getUser()), new AdminEventChannel(adminEvent));
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }

    private static boolean empty(String value) {
        return value == null || value.isEmpty();
    }

    private static String emptyToNull(String value) {
        return empty(value) ? null : value;
    }
}
