package dev.kcpim.rest.admin;

import dev.kcpim.domain.AuditAction;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.rest.Json;
import dev.kcpim.rest.Paging;
import dev.kcpim.rest.Rest;
import dev.kcpim.rest.representation.AuditRep;
import dev.kcpim.rest.representation.UserRef;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The PIM audit at {@code pim/audit}: view-users. */
public final class AuditResource extends AdminSubResource {

    AuditResource(AdminSubResource.AdminRequest context) {
        super(context);
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response search(@QueryParam("userId") String userId, @QueryParam("action") String action,
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
}
