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
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
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
    /** Uses the realm's default direct grant flow, which asks users with OTP for a {@code totp} code. */
    public static final String OTP_LOGIN_CLIENT = "otp-login";
    public static final String SERVICE_CLIENT_SECRET = "pim-service-secret";

    private final String name;
    private int failureFactor = 30;
    private boolean bruteForceProtected = false;

    private String passwordPolicy;

    /** A realm password policy, e.g. fewer hash iterations for benchmarks that create thousands of users. */
    public TestRealm passwordPolicy(String policy) {
        this.passwordPolicy = policy;
        return this;
    }

    public TestRealm() {
        this.name = "pim-it-" + UUID.randomUUID().toString().substring(0, 8);
    }
    private KeycloakServer server;

    /**
     * Turns on brute-force protection with this many failures (failed logins and failed OTP
     * step-ups) before a temporary lockout. Off unless asked for: a few suites saw Keycloak report
     * "user_temporarily_disabled" for users without any failed login, which would make unrelated
     * tests flaky.
     */
    public TestRealm bruteForceProtected(int failures) {
        this.bruteForceProtected = true;
        this.failureFactor = failures;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        createOn(PimKeycloak.server(context));
    }

    private TestRealm(String name, KeycloakServer server) {
        this.name = name;
        this.server = server;
    }

    /** The same realm, reached through another node of a cluster. */
    public TestRealm sameRealmOn(KeycloakServer otherNode) {
        return new TestRealm(name, otherNode);
    }

    /** The same user, through this realm handle (and so through its node). */
    public TestUser user(TestUser user) {
        return new TestUser(this, user.id(), user.username(), user.password(), user.totpSecret());
    }

    /** Creates the realm on a given server (for tests that run servers of their own). */
    public TestRealm createOn(KeycloakServer target) {
        server = target;
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(name);
        realm.setEnabled(true);
        realm.setBruteForceProtected(bruteForceProtected);
        realm.setFailureFactor(failureFactor);
        realm.setPermanentLockout(false);
        realm.setMaxFailureWaitSeconds(900);
        realm.setWaitIncrementSeconds(60);
        realm.setQuickLoginCheckMilliSeconds(0L);
        realm.setMinimumQuickLoginWaitSeconds(60);
        realm.setMaxDeltaTimeSeconds(43200);
        realm.setPasswordPolicy(passwordPolicy);
        server.admin().realms().create(realm);
        TestClients.createIn(resource());
        return this;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.admin().realm(name).remove();
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

    public String createRealmRole(String roleName) {
        RoleRepresentation role = new RoleRepresentation();
        role.setName(roleName);
        role.setDescription("privileged role " + roleName);
        resource().roles().create(role);
        return resource().roles().get(roleName).toRepresentation().getId();
    }

    /**
     * A realm role whose composites hold a role of realm-management (e.g. manage-realm), which a manage-users admin may not
     * map, as Keycloak's own role-mapping API decides; returns its id.
     */
    public String createRealmRoleContaining(String roleName, String realmManagementRole) {
        String id = createRealmRole(roleName);
        String realmManagement = resource().clients().findByClientId("realm-management").get(0).getId();
        resource().roles().get(roleName).addComposites(List.of(resource().clients().get(realmManagement).roles().get(realmManagementRole)
                .toRepresentation()));
        return id;
    }

    /** Creates a client (if missing) and a role of it; returns the role id. */
    public String createClientRole(String clientId, String roleName) {
        if (resource().clients().findByClientId(clientId).isEmpty()) {
            ClientRepresentation client = new ClientRepresentation();
            client.setClientId(clientId);
            client.setPublicClient(true);
            TestClients.create(resource(), client);
        }
        String internalId = resource().clients().findByClientId(clientId).get(0).getId();
        RoleRepresentation role = new RoleRepresentation();
        role.setName(roleName);
        resource().clients().get(internalId).roles().create(role);
        return resource().clients().get(internalId).roles().get(roleName).toRepresentation().getId();
    }

    /** Creates a top-level group or a subgroup (path like /a or /a/b, parent must exist); returns its id. */
    public String createGroup(String path) {
        GroupRepresentation group = new GroupRepresentation();
        int slash = path.lastIndexOf('/');
        group.setName(path.substring(slash + 1));
        if (slash == 0) {
            try (Response response = resource().groups().add(group)) {
                return idFrom(response);
            }
        }
        String parentId = resource().getGroupByPath(path.substring(0, slash)).getId();
        try (Response response = resource().groups().group(parentId).subGroup(group)) {
            return idFrom(response);
        }
    }

    public void joinGroup(TestUser user, String groupId) {
        resource().users().get(user.id()).joinGroup(groupId);
    }

    /** Whether the user holds the realm role as a direct mapping. */
    public boolean hasDirectRealmRole(TestUser user, String roleName) {
        return resource().users().get(user.id()).roles().realmLevel().listAll().stream().anyMatch(r -> r.getName().equals(roleName));
    }

    /** Calls the PIM admin API as the master admin and expects success. */
    public JsonNode pimAdmin(String method, String path, Object body) {
        String url = adminUrl("/pim" + path);
        String token = server.adminToken();
        Http.Response response = switch (method) {
            case "GET" -> Http.get(url, token);
            case "POST" -> Http.post(url, token, body);
            case "PUT" -> Http.put(url, token, body);
            case "PATCH" -> Http.patch(url, token, body);
            case "DELETE" -> Http.delete(url, token);
            default -> throw new IllegalArgumentException(method);
        };
        if (response.status() >= 300) {
            throw new IllegalStateException(method + " " + path + " failed: " + response);
        }
        return response.body().isEmpty() ? null : response.json();
    }

    /** Stores a policy (full replacement; fields left out take the defaults). */
    public JsonNode putPolicy(String roleId, Map<String, Object> policy) {
        return pimAdmin("PUT", "/policies/" + roleId, policy);
    }

    /** Makes a user permanently eligible for a role; returns the eligibility id. */
    public String makeEligible(TestUser user, String roleId) {
        return pimAdmin("POST", "/eligibilities", Map.of("principalType", "USER", "principalId", user.id(), "roleId", roleId))
                .path("id").asText();
    }

    /** Makes a group permanently eligible for a role; returns the eligibility id. */
    public String makeGroupEligible(String groupId, String roleId) {
        return pimAdmin("POST", "/eligibilities", Map.of("principalType", "GROUP", "principalId", groupId, "roleId", roleId))
                .path("id").asText();
    }

    private static String idFrom(Response response) {
        if (response.getStatus() != 201) {
            throw new IllegalStateException("create failed: " + response.getStatus());
        }
        String location = response.getLocation().getPath();
        return location.substring(location.lastIndexOf('/') + 1);
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
        // Keycloak's blocking brute-force protector refuses a user's login while the bookkeeping of that user's previous
        // login still runs on its "bruteforce" executor ("user_temporarily_disabled", answered as invalid credentials):
        // back-to-back logins of one user hit it on a loaded machine. A real lockout outlasts these retries.
        for (int retry = 0; retry < 10 && bruteForceProtected && response.status() == 400; retry++) {
            Waits.sleep(200);
            response = Http.postForm(url("/protocol/openid-connect/token"), form);
        }
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
