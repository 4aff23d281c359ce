package dev.kcpim.it.admin;

import static dev.kcpim.it.admin.MatrixSupport.errorCode;
import static dev.kcpim.it.admin.MatrixSupport.expectOk;
import static dev.kcpim.it.admin.MatrixSupport.holds;
import static dev.kcpim.it.admin.MatrixSupport.mappingUrl;
import static dev.kcpim.it.admin.MatrixSupport.newGroup;
import static dev.kcpim.it.admin.MatrixSupport.newUser;
import static dev.kcpim.it.admin.MatrixSupport.send;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.admin.MatrixSupport.Admin;
import dev.kcpim.it.admin.MatrixSupport.Endpoint;
import dev.kcpim.it.admin.MatrixSupport.Target;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * Admin kind × state-changing PIM admin endpoint × target role. PIM may grant or remove a role only
 * where the calling admin could map it directly with Keycloak's role-mapping API (requireMapRole: an
 * admin grants realm-management roles only if they hold them), on top of the contract's permission
 * (manage-users; manage-realm for policies). The expected answer of each cell is computed by asking
 * Keycloak itself, with the same token, to map (or unmap) the same role on a fresh user or group.
 */
class PermissionMatrixIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    private static final long MINUTE = 60_000L;

    /** The fresh objects of one case: target user or group, pre-created eligibility or request, state before. */
    private record Fixture(String userId, String groupId, String eligibilityId, String requestId, JsonNode before) {
    }

    private record Cell(Admin admin, Endpoint endpoint, Target target, int keycloak, int expected, int actual) {
    }

    private static final Map<Admin, TestUser> ADMINS = new EnumMap<>(Admin.class);
    private static final List<Target> TARGETS = new ArrayList<>();

    @BeforeAll
    static void adminsAndRoles() {
        String realmManagement = realm.resource().clients().findByClientId("realm-management").get(0).getId();
        for (Admin admin : Admin.values()) {
            if (admin != Admin.MASTER_ADMIN) {
                TestUser user = realm.createUser("matrix-" + admin.name().toLowerCase().replace('_', '-'));
                MatrixSupport.grantRealmManagement(realm, user, realmManagement, admin.roles);
                ADMINS.put(admin, user);
            }
        }
        realm.createRealmRole("matrix-plain");
        TARGETS.add(new Target("plain realm role", realm.resource().roles().get("matrix-plain").toRepresentation(), null));
        for (String name : List.of("realm-admin", "manage-realm")) {
            RoleRepresentation role = realm.resource().clients().get(realmManagement).roles().get(name).toRepresentation();
            TARGETS.add(new Target(name, role, realmManagement));
        }
    }

    @Test
    void pimChangesGrantsExactlyWhereKeycloakWouldLetTheAdminMapTheRole() {
        List<Cell> cells = new ArrayList<>();
        try {
            assertSoftly(soft -> {
                for (Admin admin : Admin.values()) {
                    for (Endpoint endpoint : Endpoint.values()) {
                        for (Target target : TARGETS) {
                            cells.add(runCase(soft, admin, endpoint, target));
                        }
                    }
                }
            });
        } finally {
            System.out.println(table(cells));
        }
    }

    private Cell runCase(SoftAssertions soft, Admin admin, Endpoint endpoint, Target target) {
        String label = admin.label + " × " + endpoint.label + " × " + target.label();
        int keycloak = -1;
        int expected = -1;
        Fixture fixture = null;
        try {
            String token = token(admin);
            keycloak = keycloakAnswer(token, endpoint, target);
            soft.assertThat(keycloak / 100 == 2).as(label + ": Keycloak's own answer " + keycloak + " (probe sanity)")
                    .isEqualTo(keycloakShouldAllow(admin, target));
            boolean allowed = endpoint.permitted(admin) && keycloak / 100 == 2;
            expected = allowed ? endpoint.success : 403;
            fixture = prepare(endpoint, target);

            Http.Response response = callPim(token, endpoint, target, fixture);

            soft.assertThat(response.status()).as(label + " (Keycloak answered " + keycloak + ") -> " + response).isEqualTo(expected);
            List<String> changes = changes(endpoint, target, fixture);
            if (!allowed) {
                soft.assertThat(errorCode(response)).as(label + ": error code of " + response).isEqualTo("forbidden");
                soft.assertThat(changes).as(label + ": a refusal changes nothing").isEmpty();
            } else if (response.status() == expected) {
                soft.assertThat(changes).as(label + ": effect of the allowed call").isEqualTo(endpoint.effects);
            }
            return new Cell(admin, endpoint, target, keycloak, expected, response.status());
        } catch (RuntimeException e) {
            soft.fail(label + ": the case could not run: " + e, e);
            return new Cell(admin, endpoint, target, keycloak, expected, -1);
        } finally {
            cleanUp(soft, label, endpoint, target, fixture);
        }
    }

    /**
     * Keycloak's own answer with the same token: map the role on a fresh user (a fresh group for a
     * GROUP eligibility) or, for the endpoints that take a grant away, remove a mapping the master
     * admin made. Whatever Keycloak allowed is undone by the master admin. For PUT /policies the
     * equivalent is mapping the role to a user: changing how a role is granted needs the right to grant it.
     */
    private int keycloakAnswer(String token, Endpoint endpoint, Target target) {
        boolean group = endpoint == Endpoint.ELIGIBILITY_GROUP;
        String principal = group ? newGroup(realm, "probe") : newUser(realm, "probe");
        String url = mappingUrl(realm, group ? "groups" : "users", principal, target);
        try {
            if (endpoint.removes()) {
                expectOk("master admin maps " + target.label(), send("POST", url, master(), target.mappingBody()));
                return send("DELETE", url, token, target.mappingBody()).status();
            }
            return send("POST", url, token, target.mappingBody()).status();
        } finally {
            expectOk("master admin undoes the probe", send("DELETE", url, master(), target.mappingBody()));
            if (holds(realm, group, principal, target)) {
                throw new IllegalStateException("the probe mapping of " + target.label() + " was not undone");
            }
            expectOk("remove the probe", send("DELETE", realm.adminUrl((group ? "/groups/" : "/users/") + principal), master(), null));
        }
    }

    /** Keycloak's documented rule, to check the probe: realm-management roles only for admins that hold them. */
    private static boolean keycloakShouldAllow(Admin admin, Target target) {
        return switch (admin) {
            case VIEW_USERS -> false;
            case MANAGE_USERS -> !target.isClientRole();
            case MANAGE_USERS_REALM -> !target.label().equals("realm-admin");
            case REALM_ADMIN, MASTER_ADMIN -> true;
        };
    }

    private Fixture prepare(Endpoint endpoint, Target target) {
        String roleId = target.role().getId();
        return switch (endpoint) {
            case ELIGIBILITY_USER, ASSIGNMENT -> new Fixture(newUser(realm, "target"), null, null, null, null);
            case ELIGIBILITY_GROUP -> new Fixture(null, newGroup(realm, "target"), null, null, null);
            case POLICY, POLICY_BY_NAME -> new Fixture(null, null, null, null, pim("GET", "/policies/" + roleId, null));
            case DELETE_POLICY -> {
                pim("PUT", "/policies/" + roleId, body("maxActivationSeconds", 1200));
                yield new Fixture(null, null, null, null, pim("GET", "/policies/" + roleId, null));
            }
            case DELETE_ELIGIBILITY, PATCH_ELIGIBILITY -> {
                String user = newUser(realm, "target");
                String id = pim("POST", "/eligibilities", body("principalType", "USER", "principalId", user, "roleId", roleId,
                        "justification", "matrix fixture")).path("id").asText();
                yield new Fixture(user, null, id, null, pim("GET", "/eligibilities/" + id, null));
            }
            case REVOKE -> {
                String user = newUser(realm, "target");
                JsonNode request = pim("POST", "/assignments", body("userId", user, "roleId", roleId,
                        "endsAt", System.currentTimeMillis() + 10 * MINUTE, "justification", "matrix fixture"));
                if (!request.path("status").asText().equals("ACTIVE") || !holds(realm, false, user, target)) {
                    throw new IllegalStateException("fixture assignment is not ACTIVE with its mapping: " + request);
                }
                yield new Fixture(user, null, null, request.path("id").asText(), request);
            }
        };
    }

    private Http.Response callPim(String token, Endpoint endpoint, Target target, Fixture f) {
        String roleId = target.role().getId();
        long now = System.currentTimeMillis();
        return switch (endpoint) {
            case ELIGIBILITY_USER -> pimAs(token, "POST", "/eligibilities",
                    body("principalType", "USER", "principalId", f.userId(), "roleId", roleId, "justification", "matrix"));
            case ELIGIBILITY_GROUP -> pimAs(token, "POST", "/eligibilities",
                    with(target.byName(), "principalType", "GROUP", "principalId", f.groupId(), "justification", "matrix"));
            case ASSIGNMENT -> pimAs(token, "POST", "/assignments",
                    with(target.byName(), "userId", f.userId(), "endsAt", now + 10 * MINUTE, "justification", "matrix"));
            case POLICY -> pimAs(token, "PUT", "/policies/" + roleId, body("maxActivationSeconds", 600));
            case POLICY_BY_NAME -> pimAs(token, "PUT", "/policies?" + query(target.byName()), body("maxActivationSeconds", 600));
            case DELETE_POLICY -> pimAs(token, "DELETE", "/policies/" + roleId, null);
            case DELETE_ELIGIBILITY -> pimAs(token, "DELETE", "/eligibilities/" + f.eligibilityId(), null);
            case PATCH_ELIGIBILITY -> pimAs(token, "PATCH", "/eligibilities/" + f.eligibilityId(), body("endsAt", now + 60 * MINUTE));
            case REVOKE -> pimAs(token, "POST", "/requests/" + f.requestId() + "/revoke", body("reason", "matrix"));
        };
    }

    /** What the call changed, as seen by the master admin (PIM's lists and Keycloak's role mappings). */
    private List<String> changes(Endpoint endpoint, Target target, Fixture f) {
        List<String> changes = new ArrayList<>();
        switch (endpoint) {
            case ELIGIBILITY_USER -> {
                add(changes, !pim("GET", "/eligibilities?userId=" + f.userId(), null).isEmpty(), "eligibility created");
                add(changes, holds(realm, false, f.userId(), target), "role mapped");
            }
            case ELIGIBILITY_GROUP -> {
                boolean created = false;
                for (JsonNode e : pim("GET", "/eligibilities?max=1000&roleId=" + target.role().getId(), null)) {
                    created |= e.path("principal").path("id").asText().equals(f.groupId());
                }
                add(changes, created, "eligibility created");
                add(changes, holds(realm, true, f.groupId(), target), "role mapped");
            }
            case ASSIGNMENT -> {
                add(changes, !pim("GET", "/requests?userId=" + f.userId(), null).isEmpty(), "request created");
                add(changes, holds(realm, false, f.userId(), target), "role mapped");
            }
            case POLICY, POLICY_BY_NAME, DELETE_POLICY ->
                    add(changes, !pim("GET", "/policies/" + target.role().getId(), null).equals(f.before()), "policy changed");
            case DELETE_ELIGIBILITY, PATCH_ELIGIBILITY -> {
                Http.Response now = Http.get(realm.adminUrl("/pim/eligibilities/" + f.eligibilityId()), master());
                add(changes, now.status() == 404, "eligibility deleted");
                if (now.status() == 200) {
                    add(changes, !now.json().path("endsAt").equals(f.before().path("endsAt")), "endsAt changed");
                    add(changes, !now.json().equals(f.before()) && now.json().path("endsAt").equals(f.before().path("endsAt")),
                            "eligibility changed");
                }
            }
            case REVOKE -> {
                add(changes, !pim("GET", "/requests/" + f.requestId(), null).path("status").asText().equals("ACTIVE"), "request ended");
                add(changes, !holds(realm, false, f.userId(), target), "role unmapped");
            }
        }
        return changes;
    }

    /** Master admin: ends the case's open requests through PIM, restores the policy, removes the fresh user/group. */
    private void cleanUp(SoftAssertions soft, String label, Endpoint endpoint, Target target, Fixture f) {
        if (f == null) {
            return;
        }
        try {
            if (f.userId() != null) {
                for (JsonNode request : pim("GET", "/requests?userId=" + f.userId(), null)) {
                    if (List.of("ACTIVE", "SCHEDULED").contains(request.path("status").asText())) {
                        pim("POST", "/requests/" + request.path("id").asText() + "/revoke", body("reason", "matrix clean-up"));
                    }
                }
                expectOk("remove target user", send("DELETE", realm.adminUrl("/users/" + f.userId()), master(), null));
            }
            if (f.groupId() != null) {
                expectOk("remove target group", send("DELETE", realm.adminUrl("/groups/" + f.groupId()), master(), null));
            }
            if (endpoint.isPolicy() && !pim("GET", "/policies/" + target.role().getId(), null).equals(f.before())) {
                pim("PUT", "/policies/" + target.role().getId(), f.before());
            }
        } catch (RuntimeException e) {
            soft.fail(label + ": clean-up failed: " + e, e);
        }
    }

    private static String query(Map<String, Object> parameters) {
        return parameters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().reduce((a, b) -> a + "&" + b).orElse("");
    }

    private static String table(List<Cell> cells) {
        StringBuilder out = new StringBuilder("\nPIM permission matrix: expected/actual PIM status [Keycloak's own role-mapping answer]; "
                + "'<<' marks a cell that differs\n");
        out.append(String.format("%-26s %-28s", "admin", "endpoint"));
        TARGETS.forEach(t -> out.append(String.format(" %-22s", t.label())));
        Map<String, List<Cell>> rows = new LinkedHashMap<>();
        cells.forEach(c -> rows.computeIfAbsent(c.admin().label + "|" + c.endpoint().label, k -> new ArrayList<>()).add(c));
        int failing = 0;
        for (List<Cell> row : rows.values()) {
            out.append(String.format("%n%-26s %-28s", row.get(0).admin().label, row.get(0).endpoint().label));
            for (Cell c : row) {
                boolean differs = c.expected() != c.actual();
                failing += differs ? 1 : 0;
                out.append(String.format(" %-22s", c.expected() + "/" + c.actual() + " [" + c.keycloak() + "]" + (differs ? " <<" : "")));
            }
        }
        return out.append(String.format("%n%d of %d cells differ%n", failing, cells.size())).toString();
    }

    // ------------------------------------------------------------------ helpers

    private record CachedToken(String token, long obtainedAt) {
    }

    private static final Map<Admin, CachedToken> TOKENS = new EnumMap<>(Admin.class);

    /** A recent token of the admin (realm users: password grant on the test client, reused for a minute). */
    private static String token(Admin admin) {
        if (admin == Admin.MASTER_ADMIN) {
            return master();
        }
        CachedToken cached = TOKENS.get(admin);
        if (cached == null || System.currentTimeMillis() - cached.obtainedAt() > MINUTE) {
            cached = new CachedToken(ADMINS.get(admin).token(), System.currentTimeMillis());
            TOKENS.put(admin, cached);
        }
        return cached.token();
    }

    private static String master() {
        return realm.server().adminToken();
    }

    private static Http.Response pimAs(String token, String method, String path, Object body) {
        return send(method, realm.adminUrl("/pim" + path), token, body);
    }

    /** The PIM admin API as the master admin, expecting success. */
    private static JsonNode pim(String method, String path, Object body) {
        return expectOk(method + " " + path, pimAs(master(), method, path, body));
    }

    private static void add(List<String> changes, boolean happened, String change) {
        if (happened) {
            changes.add(change);
        }
    }

    private static Map<String, Object> body(Object... keysAndValues) {
        return with(Map.of(), keysAndValues);
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>(base);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }
}
