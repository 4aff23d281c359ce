package dev.kcpim.events;

import dev.kcpim.expiry.PimTokenMapper;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

/**
 * Puts the {@link PimTokenMapper} into each realm's {@code basic} client scope, which every OIDC
 * client has by default: existing realms at startup, new realms when they are created or imported.
 */
final class TokenMapperInstaller {
    private static final Logger LOG = Logger.getLogger(TokenMapperInstaller.class);
    static final String SCOPE = "basic";

    private TokenMapperInstaller() {
    }

    static void installInAllRealms(KeycloakSessionFactory factory) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.realms().getRealmsStream().forEach(TokenMapperInstaller::install));
    }

    static void install(RealmModel realm) {
        ClientScopeModel scope = realm.getClientScopesStream()
                .filter(s -> SCOPE.equals(s.getName()) && OIDCLoginProtocol.LOGIN_PROTOCOL.equals(s.getProtocol()))
                .findFirst().orElse(null);
        if (scope == null) {
            LOG.warnf("Realm %s has no '%s' client scope: PIM caps access tokens only (ID tokens keep their expiry)", realm.getName(), SCOPE);
            return;
        }
        boolean present = scope.getProtocolMappersStream().anyMatch(m -> PimTokenMapper.PROVIDER_ID.equals(m.getProtocolMapper()));
        if (!present) {
            scope.addProtocolMapper(PimTokenMapper.model());
            LOG.debugf("PIM token mapper installed in realm %s", realm.getName());
        }
    }
}
