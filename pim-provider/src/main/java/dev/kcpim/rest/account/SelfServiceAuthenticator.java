package dev.kcpim.rest.account;

import dev.kcpim.domain.ErrorCode;
import dev.kcpim.rest.Rest;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProvider;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProviderFactory;
import org.keycloak.protocol.oidc.TokenIntrospectionProvider;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Authenticates self-service calls with the same rule as Keycloak's account REST API
 * ({@code AccountLoader}): a valid bearer access token of this realm whose audience includes the
 * {@code account} client (lightweight tokens are expanded first), not of a service account.
 */
final class SelfServiceAuthenticator {
    private static final Logger LOG = Logger.getLogger(SelfServiceAuthenticator.class);

    private SelfServiceAuthenticator() {
    }

    static SelfServiceCaller authenticate(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        AuthenticationManager.AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (result == null) {
            throw Rest.unauthorized(realm.getName(), "a valid bearer access token of this realm is required");
        }
        ClientModel account = realm.getClientByClientId(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID);
        if (account == null || !account.isEnabled()) {
            LOG.warnf("PIM self-service denied in realm %s: the account client is missing or disabled", realm.getName());
            throw Rest.error(ErrorCode.FORBIDDEN, "account management is not enabled in this realm");
        }
        AccessToken token = result.token();
        if (token.getAudience() == null || token.getResourceAccess(account.getClientId()) == null) {
            AccessTokenIntrospectionProvider introspection = (AccessTokenIntrospectionProvider) session.getProvider(
                    TokenIntrospectionProvider.class, AccessTokenIntrospectionProviderFactory.ACCESS_TOKEN_TYPE);
            token = introspection.transformAccessToken(token, result.session());
        }
        UserModel user = result.user();
        if (!token.hasAudience(account.getClientId())) {
            LOG.warnf("PIM self-service denied in realm %s: token of client %s for user %s lacks the account audience",
                    realm.getName(), token.getIssuedFor(), user.getId());
            throw Rest.unauthorized(realm.getName(), "the access token's audience must include " + account.getClientId());
        }
        if (user.getServiceAccountClientLink() != null) {
            LOG.warnf("PIM self-service denied in realm %s: service account %s (client %s)",
                    realm.getName(), user.getId(), token.getIssuedFor());
            throw Rest.error(ErrorCode.FORBIDDEN, "service accounts cannot use PIM self-service");
        }
        return new SelfServiceCaller(session, realm, user, token.getIssuedFor());
    }
}
