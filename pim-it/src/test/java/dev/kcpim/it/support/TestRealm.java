package dev.kcpim.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * A throwaway realm for one test class: created before its tests, deleted after them. It has a
 * public test client whose direct grant does not ask for OTP (so tests can get tokens without
 * spending OTP codes), a client whose tokens lack the account audience, and helpers for users
 * with a known TOTP secret.
 */
public final class TestRealm implements BeforeAllCallback, AfterAllCallback {

    public static final String TEST_CLIENT = "pim-test";
    public static final String NO_AUDIENCE_CLIENT = "no-account-audience";
    public static final String SERVICE_CLIENT = "pim-service";
    public static final String SERVICE_CLIENT_SECRET = "pim-service-secret";
    private static final String DIRECT_GRANT_WITHOUT_OTP = "direct grant without otp";

    private final String name = "pim-it-" + UUID.randomUUID().toString().substring(0, 8);
    private KeycloakServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = PimKeycloak.server(context);
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(name);
        realm.setEnabled(true);
        realm.setBruteForceProtected(true);
        realm.setFailureFactor(30);
        realm.setPermanentLockout(false);
        realm.setMaxFailureWaitSeconds(900);
        realm.setWaitIncrementSeconds(60);
        realm.setQuickLoginCheckMilliSeconds(0L);
        realm.setMinimumQuickLoginWaitSeconds(60);
        realm.setMaxDeltaTimeSeconds(43200);
        server.admin().realms().create(realm);
        createClients();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.admin().realm(name).remove();
        }
    }

    private void createClients() {
        RealmResource realm = resource();
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

        ClientRepresentation test = publicClient(TEST_CLIENT);
        test.setAuthenticationFlowBindingOverrides(Map.of("direct_grant", flowId));
        create(test);

        ClientRepresentation noAudience = publicClient(NO_AUDIENCE_CLIENT);
        noAudience.setAuthenticationFlowBindingOverrides(Map.of("direct_grant", flowId));
        noAudience.setFullScopeAllowed(false);
        create(noAudience);

        ClientRepresentation service = new ClientRepresentation();
        service.setClientId(SERVICE_CLIENT);
        service.setPublicClient(false);
        service.setSecret(SERVICE_CLIENT_SECRET);
        service.setServiceAccountsEnabled(true);
        service.setStandardFlowEnabled(false);
        service.setFullScopeAllowed(true);
        create(service);
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

    private void create(ClientRepresentation client) {
        try (Response response = resource().clients().create(client)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("cannot create client " + client.getClientId() + ": " + response.getStatus());
            }
        }
    }

    public String name() {
        return name;
    }

    public KeycloakServer server() {
        return server;
    }

    public RealmResource resource() {
        return server.admin().realm(name);
    }

    public String url(String path) {
        return server.baseUrl() + "/realms/" + name + path;
    }

    public String adminUrl(String path) {
        return server.baseUrl() + "/admin/realms/" + name + path;
    }

    /** A user with password {@code <username>-pw} and the realm's default roles. */
    public TestUser createUser(String username) {
        return createUser(username, null);
    }

    /** A user with password {@code <username>-pw}, the realm's default roles and, when a secret is given, a TOTP credential. */
    public TestUser createUser(String username, String totpSecret) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setEmail(username + "@example.test");
        user.setEmailVerified(true);
        user.setFirstName(username);
        user.setLastName("Test");
        user.setRealmRoles(List.of("default-roles-" + name));
        List<CredentialRepresentation> credentials = new ArrayList<>();
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(username + "-pw");
        password.setTemporary(false);
        credentials.add(password);
        if (totpSecret != null) {
            CredentialRepresentation otp = new CredentialRepresentation();
            otp.setType("otp");
            otp.setUserLabel("test authenticator");
            otp.setSecretData("{\"value\":\"" + totpSecret + "\"}");
            otp.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"period\":30,\"algorithm\":\"HmacSHA1\",\"counter\":0}");
            credentials.add(otp);
        }
        user.setCredentials(credentials);
        PartialImportRepresentation partial = new PartialImportRepresentation();
        partial.setIfResourceExists(PartialImportRepresentation.Policy.FAIL.name());
        partial.setUsers(List.of(user));
        try (Response response = resource().partialImport(partial)) {
            if (response.getStatus() != 200) {
                throw new IllegalStateException("cannot import user " + username + ": " + response.readEntity(String.class));
            }
        }
        String id = resource().users().search(username, true).get(0).getId();
        return new TestUser(this, id, username, username + "-pw", totpSecret);
    }

    /** The token endpoint response of a password grant on the given client. */
    public JsonNode passwordGrant(String clientId, String username, String password) {
        Map<String, String> form = new HashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("username", username);
        form.put("password", password);
        form.put("scope", "openid");
        Http.Response response = Http.postForm(url("/protocol/openid-connect/token"), form);
        if (response.status() != 200) {
            throw new IllegalStateException("password grant for " + username + " failed: " + response);
        }
        return response.json();
    }

    /** An access token of the service account of {@link #SERVICE_CLIENT}. */
    public String serviceAccountToken() {
        Http.Response response = Http.postForm(url("/protocol/openid-connect/token"), Map.of(
                "grant_type", "client_credentials", "client_id", SERVICE_CLIENT, "client_secret", SERVICE_CLIENT_SECRET));
        if (response.status() != 200) {
            throw new IllegalStateException("client credentials grant failed: " + response);
        }
        return response.json().path("access_token").asText();
    }
}
