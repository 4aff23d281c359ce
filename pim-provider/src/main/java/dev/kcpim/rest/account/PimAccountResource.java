package dev.kcpim.rest.account;

import jakarta.ws.rs.Path;
import org.keycloak.models.KeycloakSession;

/**
 * Self-service PIM API at {@code /realms/{realm}/pim}. The caller is authenticated once here, with
 * the rule of Keycloak's account REST API (see {@link SelfServiceAuthenticator}), before any
 * sub-resource runs.
 */
public class PimAccountResource {

    private final KeycloakSession session;

    public PimAccountResource(KeycloakSession session) {
        this.session = session;
    }

    @Path("me")
    public MeResource me() {
        return new MeResource(session, SelfServiceAuthenticator.authenticate(session));
    }

    @Path("approvals")
    public ApprovalsResource approvals() {
        return new ApprovalsResource(session, SelfServiceAuthenticator.authenticate(session));
    }
}
