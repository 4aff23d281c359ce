package dev.kcpim.rest.admin;

import dev.kcpim.domain.AuditAction;
import dev.kcpim.rest.Paging;
import dev.kcpim.rest.Rest;
import dev.kcpim.rest.representation.AuditRep;
import dev.kcpim.rest.representation.Representations;
import dev.kcpim.service.AuditLog;
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
            List<AuditRep> entries = AuditLog.search(session, realm, emptyToNull(userId), actionFilter, paging.first(), paging.max())
                    .stream().map(Representations::audit).toList();
            return Rest.list(entries, AuditRep.class, headers);
        });
    }
}
