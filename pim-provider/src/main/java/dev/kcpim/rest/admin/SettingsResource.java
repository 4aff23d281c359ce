package dev.kcpim.rest.admin;

import dev.kcpim.rest.Json;
import dev.kcpim.rest.Rest;
import dev.kcpim.rest.representation.Representations;
import dev.kcpim.rest.representation.SettingsRep;
import dev.kcpim.service.SettingsService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The realm's PIM thresholds and reminder times at {@code pim/settings}: reading needs view-realm, changing manage-realm. */
public final class SettingsResource extends AdminSubResource {

    SettingsResource(AdminSubResource.AdminRequest context) {
        super(context);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response settings() {
        permissions.requireViewRealm();
        return Rest.run(() -> Rest.ok(Representations.settings(new SettingsService(realm).current())));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response update(String body) {
        permissions.requireManageRealm();
        return Rest.run(() -> Rest.ok(Representations.settings(
                new SettingsService(realm).update(Representations.settingsOf(Json.read(body, SettingsRep.class)), audit()))));
    }
}
