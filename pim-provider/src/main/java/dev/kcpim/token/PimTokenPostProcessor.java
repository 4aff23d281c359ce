package dev.kcpim.token;

import org.keycloak.common.util.Time;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.token.TokenPostProcessor;
import org.keycloak.protocol.oidc.token.TokenPostProcessorContext;

/**
 * The safety net for access tokens of clients whose PIM mapper was removed or not yet installed: every
 * token response Keycloak builds passes here. Idempotent with {@link PimTokenMapper} (same lookup,
 * cached per request).
 */
public class PimTokenPostProcessor implements TokenPostProcessor {
    private final KeycloakSession session;

    public PimTokenPostProcessor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void process(TokenPostProcessorContext context) {
        if (context.accessToken() == null || context.clientSessionCtx() == null) {
            return;
        }
        AuthenticatedClientSessionModel clientSession = context.clientSessionCtx().getClientSession();
        UserSessionModel userSession = clientSession == null ? null : clientSession.getUserSession();
        if (userSession == null || userSession.getUser() == null) {
            return;
        }
        long now = Time.currentTimeMillis();
        TokenGuard.issue(session, userSession.getRealm(), userSession.getUser(), context.accessToken(), now);
        TokenGuard.apply(session, userSession.getRealm(), userSession.getUser(), context.accessToken(), now);
    }
}
