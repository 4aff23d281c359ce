package dev.kcpim.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * The admins of a test realm for the admin API tests, each made on first use: a plain user, a
 * {@code view-users} viewer, a {@code manage-users} manager and a {@code realm-admin}; with their
 * access tokens (access tokens live 5 minutes; one is reused for a minute).
 */
public final class AdminUsers {
    private static final long TOKEN_REUSE_MS = 60_000L;

    private record CachedToken(String token, long obtainedAt) {
    }

    private final TestRealm realm;
    private final Map<String, TestUser> users = new ConcurrentHashMap<>();
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

    public AdminUsers(TestRealm realm) {
        this.realm = realm;
    }

    /** A user without any realm-management role. */
    public TestUser plainUser() {
        return user("plain");
    }

    /** A user with {@code view-users}. */
    public TestUser viewer() {
        return user("viewer", "view-users");
    }

    /** A user with {@code manage-users} and {@code view-users}. */
    public TestUser manager() {
        return user("manager", "manage-users", "view-users");
    }

    /** A user with {@code realm-admin}. */
    public TestUser realmAdmin() {
        return user("realm-admin", "realm-admin");
    }

    /** A recent token of the realm admin. */
    public String admin() {
        return token(realmAdmin());
    }

    /** The realm's PIM admin API with the realm admin as its default caller. */
    public PimAdminApi api() {
        return new PimAdminApi(realm, this::admin);
    }

    /** A recent access token of the user. */
    public String token(TestUser user) {
        long now = System.currentTimeMillis();
        CachedToken cached = tokens.get(user.username());
        if (cached == null || now - cached.obtainedAt() > TOKEN_REUSE_MS) {
            cached = new CachedToken(user.token(), now);
            tokens.put(user.username(), cached);
        }
        return cached.token();
    }

    private synchronized TestUser user(String username, String... realmManagementRoles) {
        TestUser user = users.get(username);
        if (user == null) {
            user = realm.createUser(username);
            if (realmManagementRoles.length > 0) {
                grantRealmManagement(realm, user, realmManagementRoles);
            }
            users.put(username, user);
        }
        return user;
    }

    /** Maps roles of the realm's {@code realm-management} client to the user. */
    public static void grantRealmManagement(TestRealm realm, TestUser user, String... roleNames) {
        String realmManagement = realm.resource().clients().findByClientId("realm-management").get(0).getId();
        List<RoleRepresentation> roles = new ArrayList<>();
        for (String roleName : roleNames) {
            roles.add(realm.resource().clients().get(realmManagement).roles().get(roleName).toRepresentation());
        }
        realm.resource().users().get(user.id()).roles().clientLevel(realmManagement).add(roles);
    }
}
