package dev.kcpim.token.saml;

import dev.kcpim.domain.TokenCap;
import dev.kcpim.token.TokenGuard;
import java.util.Collection;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.OptionalLong;
import java.util.TimeZone;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.dom.saml.v2.assertion.AssertionType;
import org.keycloak.dom.saml.v2.assertion.AuthnStatementType;
import org.keycloak.dom.saml.v2.assertion.StatementAbstractType;
import org.keycloak.dom.saml.v2.assertion.SubjectConfirmationType;
import org.keycloak.dom.saml.v2.protocol.ResponseType;
import org.keycloak.dom.saml.v2.protocol.StatusResponseType;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.saml.preprocessor.SamlAuthenticationPreprocessor;
import org.keycloak.services.util.DefaultClientSessionContext;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * The token guard for SAML: every login response Keycloak's {@code SamlProtocol.authenticated} builds
 * (browser SSO, IdP-initiated, ECP, artifact binding, SAML token exchange) passes through
 * {@link #beforeSendingResponse} after all protocol mappers (attribute, role list and login-response
 * mappers) and before it is signed or encrypted, for every SAML client whatever its client scopes. It
 * caps {@code AuthnStatement@SessionNotOnOrAfter}, {@code Conditions@NotOnOrAfter} and
 * {@code SubjectConfirmationData@NotOnOrAfter} at the earliest {@code endsAt} of the user's running
 * elevations, and takes the roles of ended elevations out of the role attribute ({@link SamlRoleAttribute}),
 * with the same decision as for OIDC tokens ({@link TokenGuard}).
 */
public class PimSamlGuard implements SamlAuthenticationPreprocessor {
    public static final String PROVIDER_ID = "pim-saml-guard";
    private static final Logger LOG = Logger.getLogger(PimSamlGuard.class);
    private static final DatatypeFactory XML_TIME = datatypeFactory();

    @Override
    public StatusResponseType beforeSendingResponse(StatusResponseType statusResponse, AuthenticatedClientSessionModel clientSession) {
        if (!(statusResponse instanceof ResponseType response) || clientSession == null || clientSession.getUserSession() == null
                || clientSession.getUserSession().getUser() == null) {
            return statusResponse;
        }
        // The preprocessor is its own factory and gets no session: the request's session, as Keycloak's own providers get it.
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        if (session == null) {
            return statusResponse;
        }
        RealmModel realm = clientSession.getRealm();
        UserModel user = clientSession.getUserSession().getUser();
        long now = Time.currentTimeMillis();
        OptionalLong earliestEnd = TokenGuard.earliestRunningEnd(session, realm, user, now);
        Collection<RoleModel> leaveOut = TokenGuard.rolesToLeaveOut(session, realm, user, now);
        if (earliestEnd.isEmpty() && leaveOut.isEmpty()) {
            return response;
        }
        SamlRoleAttribute roleAttribute = leaveOut.isEmpty() ? null : SamlRoleAttribute.of(session, contextOf(session, clientSession), leaveOut);
        for (ResponseType.RTChoiceType choice : List.copyOf(response.getAssertions())) {
            AssertionType assertion = choice.getAssertion();
            if (assertion == null) {
                continue;
            }
            earliestEnd.ifPresent(end -> cap(assertion, end));
            if (roleAttribute != null) {
                AssertionType stripped = roleAttribute.removeFrom(assertion);
                if (stripped != assertion) {
                    response.replaceAssertion(assertion.getID(), new ResponseType.RTChoiceType(stripped));
                }
            }
        }
        LOG.debugf("PIM SAML guard: assertion for user %s of client %s in realm %s capped at %s, %d roles left out", user.getId(),
                clientSession.getClient().getClientId(), realm.getName(), earliestEnd, leaveOut.size());
        return response;
    }

    private static void cap(AssertionType assertion, long earliestEnd) {
        if (assertion.getConditions() != null) {
            assertion.getConditions().setNotOnOrAfter(capped(assertion.getConditions().getNotOnOrAfter(), earliestEnd));
        }
        for (StatementAbstractType statement : assertion.getStatements()) {
            if (statement instanceof AuthnStatementType authn) {
                authn.setSessionNotOnOrAfter(capped(authn.getSessionNotOnOrAfter(), earliestEnd));
            }
        }
        if (assertion.getSubject() != null) {
            for (SubjectConfirmationType confirmation : assertion.getSubject().getConfirmation()) {
                if (confirmation.getSubjectConfirmationData() != null) {
                    confirmation.getSubjectConfirmationData().setNotOnOrAfter(
                            capped(confirmation.getSubjectConfirmationData().getNotOnOrAfter(), earliestEnd));
                }
            }
        }
    }

    private static XMLGregorianCalendar capped(XMLGregorianCalendar instant, long earliestEnd) {
        Long current = instant == null ? null : instant.toGregorianCalendar().getTimeInMillis();
        long capped = TokenCap.cappedInstant(current, earliestEnd);
        if (current != null && capped == current) {
            return instant;
        }
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        calendar.setTimeInMillis(capped);
        return XML_TIME.newXMLGregorianCalendar(calendar);
    }

    /**
     * The client session context the role list mapper used: Keycloak keeps the one it built for this
     * request as a session attribute ({@code DefaultClientSessionContext}); otherwise it is rebuilt
     * from the client session's scope, as Keycloak does for refreshes.
     */
    private static ClientSessionContext contextOf(KeycloakSession session, AuthenticatedClientSessionModel clientSession) {
        Object current = session.getAttribute(ClientSessionContext.class.getName());
        if (current instanceof ClientSessionContext ctx && ctx.getClientSession() != null
                && ctx.getClientSession().getClient().getId().equals(clientSession.getClient().getId())
                && ctx.getClientSession().getUserSession().getId().equals(clientSession.getUserSession().getId())) {
            return ctx;
        }
        return DefaultClientSessionContext.fromClientSessionScopeParameter(clientSession, session);
    }

    @Override
    public SamlAuthenticationPreprocessor create(KeycloakSession session) {
        return this;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    private static DatatypeFactory datatypeFactory() {
        try {
            return DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
