package dev.kcpim.token;

import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.token.TokenPostProcessor;
import org.keycloak.protocol.oidc.token.TokenPostProcessorFactory;

public class PimTokenPostProcessorFactory implements TokenPostProcessorFactory {

    @Override
    public TokenPostProcessor create(KeycloakSession session) {
        return new PimTokenPostProcessor(session);
    }

    @Override
    public String getId() {
        return "pim-token-guard";
    }
}
