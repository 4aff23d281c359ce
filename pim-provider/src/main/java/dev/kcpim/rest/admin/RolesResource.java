package dev.kcpim.rest.admin;

import dev.kcpim.rest.Paging;
import dev.kcpim.rest.Rest;
import dev.kcpim.rest.representation.AdminRoleRep;
import dev.kcpim.service.ManagedRoles;
import dev.kcpim.service.Roles;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RoleModel;

/**
 * The realm's roles for the admin console's pickers at {@code pim/roles}: view-users. Each says
 * whether PIM manages it and whether the caller may grant it, so the console offers only what the
 * API would accept (the API still checks every grant).
 */
public final class RolesResource extends AdminSubResource {

    RolesResource(AdminSubResource.AdminRequest context) {
        super(context);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("search") String search, @QueryParam("grantable") String grantable,
                         @QueryParam("managed") String managed, @QueryParam("first") String first, @QueryParam("max") String max) {
        permissions.requireViewUsers();
        return Rest.run(() -> {
            allowOnlyParameters("search", "grantable", "managed", "first", "max");
            Paging paging = Paging.of(first, max);
            Boolean grantableFilter = booleanParameter("grantable", grantable);
            Boolean managedFilter = booleanParameter("managed", managed);
            String term = empty(search) ? null : search.toLowerCase(Locale.ROOT);
            Set<String> managedIds = ManagedRoles.of(session, realm);
            List<AdminRoleRep> roles = Stream.concat(realm.getRolesStream(), realm.getClientsStream().flatMap(ClientModel::getRolesStream))
                    .filter(role -> term == null || label(role).toLowerCase(Locale.ROOT).contains(term))
                    .filter(role -> managedFilter == null || managedIds.contains(role.getId()) == managedFilter)
                    .sorted(Comparator.comparing(RolesResource::label))
                    .map(role -> new AdminRoleRep(role.getId(), role.getName(), Roles.clientId(role), role.getDescription(),
                            managedIds.contains(role.getId()), permissions.mayGrant(role)))
                    .filter(role -> grantableFilter == null || role.grantable() == grantableFilter)
                    .skip(paging.first())
                    .limit(paging.max())
                    .toList();
            return Response.ok(roles).build();
        });
    }

    /** "name" for a realm role, "clientId name" for a client role: how admins search for roles. */
    private static String label(RoleModel role) {
        String clientId = Roles.clientId(role);
        return clientId == null ? role.getName() : clientId + " " + role.getName();
    }
}
