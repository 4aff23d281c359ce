package dev.kcpim.rest.admin;

import jakarta.ws.rs.Path;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * PIM administration at {@code /admin/realms/{realm}/pim} (kcadm.sh: {@code pim/...}). Keycloak has
 * authenticated the admin; each sub-resource's endpoints check the permission the contract names
 * before anything else.
 */
public class PimAdminResource {

    private final AdminSubResource.AdminRequest context;

    public PimAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.context = new AdminSubResource.AdminRequest(session, realm, auth, new AdminAuthorization(realm, auth), adminEvent);
    }

    @Path("policies")
    public PoliciesResource policies() {
        return new PoliciesResource(context);
    }

    @Path("eligibilities")
    public EligibilitiesResource eligibilities() {
        return new EligibilitiesResource(context);
    }

    @Path("assignments")
    public AssignmentsResource assignments() {
        return new AssignmentsResource(context);
    }

    @Path("requests")
    public RequestsResource requests() {
        return new RequestsResource(context);
    }

    @Path("roles")
    public RolesResource roles() {
        return new RolesResource(context);
    }

    @Path("settings")
    public SettingsResource settings() {
        return new SettingsResource(context);
    }

    @Path("renewals")
    public RenewalsResource renewals() {
        return new RenewalsResource(context);
    }

    @Path("alerts")
    public AlertsResource alerts() {
        return new AlertsResource(context);
    }

    @Path("audit")
    public AuditResource audit() {
        return new AuditResource(context);
    }
}
