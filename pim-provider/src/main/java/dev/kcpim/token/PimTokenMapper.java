package dev.kcpim.token;

import java.util.ArrayList;
import org.keycloak.common.util.Time;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

/**
 * Applies {@link TokenGuard} to access and ID tokens. PIM installs one instance on every OIDC client
 * itself ({@link TokenMapperInstaller}), so clients need no set-up. It runs after the role mappers so
 * that it sees, and can remove, the roles they put in the token.
 */
public class PimTokenMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    public static final String PROVIDER_ID = "pim-elevations-mapper";
    public static final String MAPPER_NAME = "PIM elevations";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getDisplayType() {
        return "PIM elevations";
    }

    @Override
    public String getHelpText() {
        return "Caps token expiry at the end of the user's active PIM elevations, leaves out roles whose elevation has ended "
                + "and adds the pim_elevations claim.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return new ArrayList<>();
    }

    @Override
    public int getPriority() {
        return 1000;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession, KeycloakSession session,
                            ClientSessionContext clientSessionCtx) {
        if (userSession == null || userSession.getUser() == null) {
            return;
        }
        TokenGuard.apply(session, userSession.getRealm(), userSession.getUser(), token, Time.currentTimeMillis());
    }

    /**
     * Issuance (as opposed to userinfo and introspection, which also run setClaim): the token is first
     * remembered for an early end, which also settles which elevations it may carry, then guarded.
     */
    @Override
    public AccessToken transformAccessToken(AccessToken token, ProtocolMapperModel mappingModel, KeycloakSession session,
                                           UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        if (userSession != null && userSession.getUser() != null) {
            TokenGuard.issue(session, userSession.getRealm(), userSession.getUser(), token, Time.currentTimeMillis());
        }
        return super.transformAccessToken(token, mappingModel, session, userSession, clientSessionCtx);
    }

    /** The mapper as PIM installs it into a client scope. */
    public static ProtocolMapperModel model() {
        ProtocolMapperModel model = new ProtocolMapperModel();
        model.setName(MAPPER_NAME);
        model.setProtocolMapper(PROVIDER_ID);
        model.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        Map<String, String> config = new HashMap<>();
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_ACCESS_TOKEN, "true");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_ID_TOKEN, "true");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_LIGHTWEIGHT_ACCESS_TOKEN, "true");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_USERINFO, "true");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION, "true");
        model.setConfig(config);
        return model;
    }
}
