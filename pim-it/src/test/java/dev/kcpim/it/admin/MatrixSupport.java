package dev.kcpim.it.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RoleMappingResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** Helpers of {@link PermissionMatrixIT}: any-method HTTP (PATCH, DELETE with a body), realm objects, role mappings. */
final class MatrixSupport {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A role the matrix grants: a realm role ({@code clientUuid} null) or a realm-management client role. */
    record Target(String label, RoleRepresentation role, String clientUuid) {
        boolean isClientRole() {
            return clientUuid != null;
        }

        /** The role referenced by name ({@code roleName}, plus {@code clientId} for a client role). */
        Map<String, Object> byName() {
            return isClientRole() ? Map.of("clientId", "realm-management", "roleName", role.getName()) : Map.of("roleName", role.getName());
        }

        /** The body Keycloak's role-mapping endpoints take: [roleRepresentation]. */
        List<Map<String, String>> mappingBody() {
            return List.of(Map.of("id", role.getId(), "name", role.getName()));
        }
    }

    /** The kinds of calling admin: realm users with these realm-management roles, or the master realm's admin. */
    enum Admin {
        VIEW_USERS("view-users", false, false, "view-users"),
        MANAGE_USERS("manage-users", true, false, "manage-users", "view-users"),
        MANAGE_USERS_REALM("manage-users+manage-realm", true, true, "manage-users", "manage-realm", "view-users"),
        REALM_ADMIN("realm-admin", true, true, "realm-admin"),
        MASTER_ADMIN("master admin", true, true);

        final String label;
        final boolean manageUsers;
        final boolean manageRealm;
        final String[] roles;

        Admin(String label, boolean manageUsers, boolean manageRealm, String... roles) {
            this.label = label;
            this.manageUsers = manageUsers;
            this.manageRealm = manageRealm;
            this.roles = roles;
        }
    }

    /** The state-changing PIM admin endpoints, with the success status and the effect an allowed call has. */
    enum Endpoint {
        ELIGIBILITY_USER("POST /eligibilities USER", 201, "eligibility created"),
        ELIGIBILITY_GROUP("POST /eligibilities GROUP", 201, "eligibility created"),
        ASSIGNMENT("POST /assignments", 201, "request created", "role mapped"),
        POLICY("PUT /policies/{roleId}", 200, "policy changed"),
        POLICY_BY_NAME("PUT /policies?roleName=", 200, "policy changed"),
        DELETE_POLICY("DELETE /policies/{roleId}", 204, "policy changed"),
        DELETE_ELIGIBILITY("DELETE /eligibilities/{id}", 204, "eligibility deleted"),
        PATCH_ELIGIBILITY("PATCH /eligibilities/{id}", 200, "endsAt changed"),
        REVOKE("POST /requests/{id}/revoke", 200, "request ended", "role unmapped");

        final String label;
        final int success;
        final List<String> effects;

        Endpoint(String label, int success, String... effects) {
            this.label = label;
            this.success = success;
            this.effects = List.of(effects);
        }

        /** Keycloak's equivalent is removing a mapping (DELETE on role-mappings) rather than adding one. */
        boolean removes() {
            return this == DELETE_ELIGIBILITY || this == PATCH_ELIGIBILITY || this == REVOKE;
        }

        /** The contract's permission for the endpoint: manage-realm for policies, manage-users for the rest. */
        boolean permitted(Admin admin) {
            return isPolicy() ? admin.manageRealm : admin.manageUsers;
        }

        boolean isPolicy() {
            return this == POLICY || this == POLICY_BY_NAME || this == DELETE_POLICY;
        }
    }

    private MatrixSupport() {
    }

    /** Any method, a JSON body (or none), a bearer token. */
    static Http.Response send(String method, String url, String token, Object body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").header("Authorization", "Bearer " + token);
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(Http.toJson(body)));
        }
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Http.Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code error} code of an error body, or null when the body is not JSON (e.g. a bare 405). */
    static String errorCode(Http.Response response) {
        try {
            return response.json().path("error").asText(null);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** The URL of a user's or group's role mappings for the target role's container. */
    static String mappingUrl(TestRealm realm, String principalKind, String principalId, Target target) {
        return realm.adminUrl("/" + principalKind + "/" + principalId + "/role-mappings/"
                + (target.isClientRole() ? "clients/" + target.clientUuid() : "realm"));
    }

    static JsonNode expectOk(String what, Http.Response response) {
        if (response.status() / 100 != 2) {
            throw new IllegalStateException(what + " failed: " + response);
        }
        return response.body().isEmpty() ? null : response.json();
    }

    static String newUser(TestRealm realm, String prefix) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        user.setEnabled(true);
        try (Response response = realm.resource().users().create(user)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    static String newGroup(TestRealm realm, String prefix) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        try (Response response = realm.resource().groups().add(group)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    /** Whether the user ({@code group} false) or group holds the target role as a direct mapping. */
    static boolean holds(TestRealm realm, boolean group, String principalId, Target target) {
        RoleMappingResource mappings = group ? realm.resource().groups().group(principalId).roles()
                : realm.resource().users().get(principalId).roles();
        List<RoleRepresentation> direct = target.isClientRole() ? mappings.clientLevel(target.clientUuid()).listAll()
                : mappings.realmLevel().listAll();
        return direct.stream().anyMatch(r -> r.getId().equals(target.role().getId()));
    }

    static void grantRealmManagement(TestRealm realm, TestUser user, String realmManagement, String... roleNames) {
        List<RoleRepresentation> roles = new ArrayList<>();
        for (String roleName : roleNames) {
            roles.add(realm.resource().clients().get(realmManagement).roles().get(roleName).toRepresentation());
        }
        realm.resource().users().get(user.id()).roles().clientLevel(realmManagement).add(roles);
    }
}
