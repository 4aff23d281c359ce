package dev.kcpim.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Supplier;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * The PIM admin API ({@code /admin/realms/{realm}/pim}) of one test realm. The raw calls take the
 * caller's token and return the response as it is; the typed calls go as the API's default caller
 * (e.g. a realm admin, see {@link AdminUsers#api()}, or the master admin) and expect success.
 */
public final class PimAdminApi {
    private final TestRealm realm;
    private final Supplier<String> caller;

    public PimAdminApi(TestRealm realm, Supplier<String> caller) {
        this.realm = realm;
        this.caller = caller;
    }

    /** The API as the master admin of the server (token taken when a call is made). */
    public static PimAdminApi asMasterAdmin(TestRealm realm) {
        return new PimAdminApi(realm, () -> realm.server().adminToken());
    }

    public String url(String path) {
        return realm.adminUrl("/pim" + path);
    }

    // ------------------------------------------------------------------ raw calls

    public Http.Response get(String token, String path) {
        return Http.get(url(path), token);
    }

    /** GET with an Accept header, e.g. {@code text/csv}. */
    public Http.Response get(String token, String path, String accept) {
        return Http.get(url(path), token, accept);
    }

    public Http.Response post(String token, String path, Object body) {
        return Http.post(url(path), token, body);
    }

    public Http.Response put(String token, String path, Object body) {
        return Http.put(url(path), token, body);
    }

    public Http.Response patch(String token, String path, Object body) {
        return Http.patch(url(path), token, body);
    }

    public Http.Response delete(String token, String path) {
        return Http.delete(url(path), token);
    }

    /** Any of the calls above by method name (bodies are ignored for GET and DELETE). */
    public Http.Response call(String method, String path, Object body, String token) {
        return switch (method) {
            case "GET" -> get(token, path);
            case "PUT" -> put(token, path, body);
            case "POST" -> post(token, path, body);
            case "PATCH" -> patch(token, path, body);
            case "DELETE" -> delete(token, path);
            default -> throw new IllegalArgumentException(method);
        };
    }

    // ------------------------------------------------------------------ typed calls as the default caller

    public JsonNode createEligibility(Map<String, Object> body) {
        Http.Response response = post(caller.get(), "/eligibilities", body);
        assertThat(response.status()).as("create eligibility " + body + " -> " + response).isEqualTo(201);
        return response.json();
    }

    /** An ASSIGNMENT of the role to the user, from now until {@code endsAt}. */
    public JsonNode assign(TestUser user, RoleRepresentation role, long endsAt) {
        Http.Response response = post(caller.get(), "/assignments",
                Bodies.body("userId", user.id(), "roleId", role.getId(), "endsAt", endsAt));
        assertThat(response.status()).as("assign " + role.getName() + " -> " + response).isEqualTo(201);
        return response.json();
    }

    /** Stores a policy (full replacement; fields left out take the defaults). */
    public JsonNode putPolicy(String roleId, Map<String, Object> body) {
        Http.Response response = put(caller.get(), "/policies/" + roleId, body);
        assertThat(response.status()).as("put policy " + body + " -> " + response).isEqualTo(200);
        return response.json();
    }

    public JsonNode revoke(String requestId, String reason) {
        Http.Response response = post(caller.get(), "/requests/" + requestId + "/revoke", Bodies.body("reason", reason));
        assertThat(response.status()).as("revoke " + requestId + " -> " + response).isEqualTo(200);
        return response.json();
    }

    /** The audit entries of the user with the action, newest first. */
    public JsonNode audit(String userId, String action) {
        Http.Response response = get(caller.get(), "/audit?userId=" + userId + "&action=" + action);
        assertThat(response.status()).as("audit of " + userId + " " + action + " -> " + response).isEqualTo(200);
        return response.json();
    }

    public int auditCount(String userId, String action) {
        return audit(userId, action).size();
    }

    /** The one request of the user for the role. */
    public JsonNode onlyRequest(TestUser user, RoleRepresentation role) {
        JsonNode requests = get(caller.get(), "/requests?userId=" + user.id() + "&roleId=" + role.getId()).json();
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
