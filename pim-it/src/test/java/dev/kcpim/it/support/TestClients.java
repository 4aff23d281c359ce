package dev.kcpim.it.support;

import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;

/**
 * The clients of every {@link TestRealm}: the public test client whose direct grant skips the OTP
 * step, a client without the account audience, a client whose login asks for the OTP, and a
 * service-account client.
 */
final class TestClients {
    private static final String DIRECT_GRANT_WITHOUT_OTP = "direct grant without otp";

    private TestClients() {
    }

    static void createIn(RealmResource realm) {
        realm.flows().copy("direct grant", Map.of("newName", DIRECT_GRANT_WITHOUT_OTP)).close();
        for (AuthenticationExecutionInfoRepresentation execution : realm.flows().getExecutions(DIRECT_GRANT_WITHOUT_OTP)) {
            if (execution.getLevel() == 0 && execution.getDisplayName() != null
                    && execution.getDisplayName().toLowerCase().contains("otp")) {
                execution.setRequirement("DISABLED");
                realm.flows().updateExecutions(DIRECT_GRANT_WITHOUT_OTP, execution);
            }
        }
        String flowId = realm.flows().getFlows().stream()
                .filter(flow -> flow.getAlias().equals(DIRECT_GRANT_WITHOUT_OTP)).findFirst().orElseThrow().getId();

        ClientRepresentation test = publicClient(TestRealm.TEST_CLIENT);
        test.setAuthenticationFlowBindingOverrides(Map.of("direct_grant", flowId));
        create(realm, test);

        ClientRepresentation noAudience = publicClient(TestRealm.NO_AUDIENCE_CLIENT);
        noAudience.setAuthenticationFlowBindingOverrides(Map.of("direct_grant", flowId));
        noAudience.setFullScopeAllowed(false);
        create(realm, noAudience);

        create(realm, publicClient(TestRealm.OTP_LOGIN_CLIENT));

        ClientRepresentation service = new ClientRepresentation();
        service.setClientId(TestRealm.SERVICE_CLIENT);
        service.setPublicClient(false);
        service.setSecret(TestRealm.SERVICE_CLIENT_SECRET);
        service.setServiceAccountsEnabled(true);
        service.setStandardFlowEnabled(false);
        service.setFullScopeAllowed(true);
        create(realm, service);
    }

    private static ClientRepresentation publicClient(String clientId) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setPublicClient(true);
        client.setDirectAccessGrantsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setFullScopeAllowed(true);
        return client;
    }

    static void create(RealmResource realm, ClientRepresentation client) {
        try (Response response = realm.clients().create(client)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("cannot create client " + client.getClientId() + ": " + response.getStatus());
            }
        }
    }
}
