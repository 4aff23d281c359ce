package dev.kcpim.token;

import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

/**
 * Puts the {@link PimTokenMapper} on every OIDC client itself, so that it runs for the access and
 * the ID token of every client whatever client scopes the client has: existing clients at startup,
 * new realms when created or imported, new or changed clients when their transaction commits.
 * (Keycloak copies the access token's {@code exp} into the ID token before token post-processors
 * run, so only a protocol mapper can cap the ID token.) Releases before 0.2.0 put the mapper into
 * the {@code basic} client scope; it is moved from there at startup, so it runs once per token.
 */
public final class TokenMapperInstaller {
    private static final Logger LOG = Logger.getLogger(TokenMapperInstaller.class);
    static final String LEGACY_SCOPE = "basic";
    private static final String PENDING = "dev.kcpim.tokenMapper.pending.";

    private TokenMapperInstaller() {
    }

    public static void installInAllRealms(KeycloakSessionFactory factory) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.realms().getRealmsStream().forEach(TokenMapperInstaller::install));
    }

    public static void install(RealmModel realm) {
        realm.getClientScopesStream()
                .filter(s -> LEGACY_SCOPE.equals(s.getName()) && OIDCLoginProtocol.LOGIN_PROTOCOL.equals(s.getProtocol()))
                .forEach(TokenMapperInstaller::removeFrom);
        realm.getClientsStream().forEach(TokenMapperInstaller::ensure);
    }

    /** Installs the mapper on the client when the transaction that created or changed it commits (once per client). */
    public static void installWhenCommitted(KeycloakSession session, ClientModel client) {
        String key = PENDING + client.getId();
        if (session.getAttribute(key) != null) {
            return;
        }
        session.setAttribute(key, Boolean.TRUE);
        session.getTransactionManager().enlistPrepare(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                ClientModel current = session.clients().getClientById(client.getRealm(), client.getId());
                if (current != null) {
                    ensure(current);
                }
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    static void ensure(ClientModel client) {
        String protocol = client.getProtocol() == null ? OIDCLoginProtocol.LOGIN_PROTOCOL : client.getProtocol();
        if (!OIDCLoginProtocol.LOGIN_PROTOCOL.equals(protocol) || client.isBearerOnly()) {
            return;
        }
        boolean present = client.getProtocolMappersStream().anyMatch(m -> PimTokenMapper.PROVIDER_ID.equals(m.getProtocolMapper()));
        if (!present) {
            client.addProtocolMapper(PimTokenMapper.model());
            LOG.debugf("PIM token mapper installed on client %s of realm %s", client.getClientId(), client.getRealm().getName());
        }
    }

    private static void removeFrom(ClientScopeModel scope) {
        for (ProtocolMapperModel mapper : scope.getProtocolMappersStream()
                .filter(m -> PimTokenMapper.PROVIDER_ID.equals(m.getProtocolMapper())).toList()) {
            scope.removeProtocolMapper(mapper);
        }
    }
}
