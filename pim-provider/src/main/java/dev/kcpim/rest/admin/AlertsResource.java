package dev.kcpim.rest.admin;

import dev.kcpim.domain.Alert;
import dev.kcpim.domain.AlertType;
import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.PimException;
import dev.kcpim.rest.Json;
import dev.kcpim.rest.Rest;
import dev.kcpim.rest.representation.Representations;
import dev.kcpim.rest.representation.RemedyRep;
import dev.kcpim.service.AlertNotices;
import dev.kcpim.service.AlertService;
import dev.kcpim.service.RemediationService;
import dev.kcpim.service.SettingsService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/**
 * The realm's alerts at {@code pim/alerts}, evaluated on each call (view-users); new STANDING_ACCESS items
 * found here are emailed to the realm's admins as by the periodic task, once. The STANDING_ACCESS remedy
 * ({@code POST {type}/remediate}) needs manage-users and the right to map the role to the user.
 */
public final class AlertsResource extends AdminSubResource {

    AlertsResource(AdminSubResource.AdminRequest context) {
        super(context);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response alerts() {
        permissions.requireViewUsers();
        return Rest.run(() -> {
            allowOnlyParameters();
            Instant now = now();
            List<Alert> alerts = new AlertService(session, realm).evaluate(now);
            AlertNotices.emailNewStandingAccess(session.getKeycloakSessionFactory(), realm.getId(), alerts.stream()
                    .filter(a -> a.type() == AlertType.STANDING_ACCESS).findFirst().map(Alert::items).orElse(List.of()), now);
            return Rest.ok(Representations.alerts(alerts, new SettingsService(realm).current()));
        });
    }

    @POST
    @Path("{type}/remediate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response remediate(@PathParam("type") String type, String body) {
        permissions.requireManageUsers();
        return Rest.run(() -> {
            if (!AlertType.STANDING_ACCESS.name().equals(type)) {
                throw new PimException(ErrorCode.NOT_FOUND, "only STANDING_ACCESS has a remedy");
            }
            RemedyRep.Input input = Json.read(body, RemedyRep.Input.class);
            RemediationService.Outcome outcome = new RemediationService(session, realm).remediate(
                    new RemediationService.Remedy(input.userId(), input.roleId(), input.justification(), input.endsAt()), now(), audit(), permissions);
            return Rest.ok(Representations.remedy(outcome));
        });
    }
}
