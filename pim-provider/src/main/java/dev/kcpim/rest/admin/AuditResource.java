package dev.kcpim.rest.admin;

import dev.kcpim.domain.AuditAction;
import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.PimException;
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
                           @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("first") String first, @QueryParam("max") String max, @Context HttpHeaders headers) {
        permissions.requireViewUsers();
        return Rest.run(() -> {
            allowOnlyParameters("userId", "action", "from", "to", "first", "max");
            Paging paging = Paging.of(first, max);
            AuditAction actionFilter = empty(action) ? null : AuditAction.parse(action);
            List<AuditRep> entries = AuditLog.search(session, realm, emptyToNull(userId), actionFilter, epochMillis("from", from),
                            epochMillis("to", to), paging.first(), paging.max())
                    .stream().map(Representations::audit).toList();
            return Rest.list(entries, AuditRep.class, headers);
        });
    }

    private static Long epochMillis(String name, String value) {
        if (empty(value)) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new PimException(ErrorCode.INVALID_REQUEST, name + " must be epoch milliseconds");
        }
    }
}
