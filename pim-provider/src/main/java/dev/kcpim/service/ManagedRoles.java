package dev.kcpim.service;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The roles PIM has ever managed in a realm (a policy, an eligibility or an assignment named them),
 * kept as a realm attribute. The token path reads it from Keycloak's realm cache, so a user who
 * holds none of these roles costs no database lookup.
 */
public final class ManagedRoles {
    static final String ATTRIBUTE = "pim.managedRoleIds";
    private static final String SESSION_KEY = "dev.kcpim.managedRoles.";

    private ManagedRoles() {
    }

    public static void add(RealmModel realm, String roleId) {
        Set<String> ids = parse(realm.getAttribute(ATTRIBUTE));
        if (ids.add(roleId)) {
            realm.setAttribute(ATTRIBUTE, String.join(" ", ids));
        }
    }

    public static void remove(RealmModel realm, String roleId) {
        Set<String> ids = parse(realm.getAttribute(ATTRIBUTE));
        if (ids.remove(roleId)) {
            realm.setAttribute(ATTRIBUTE, String.join(" ", ids));
        }
    }

    @SuppressWarnings("unchecked")
    public static Set<String> of(KeycloakSession session, RealmModel realm) {
        String key = SESSION_KEY + realm.getId();
        Set<String> cached = session.getAttribute(key, Set.class);
        if (cached == null) {
            cached = parse(realm.getAttribute(ATTRIBUTE));
            session.setAttribute(key, cached);
        }
        return cached;
    }

    private static Set<String> parse(String value) {
        Set<String> ids = new LinkedHashSet<>();
        if (value != null && !value.isBlank()) {
            ids.addAll(Arrays.asList(value.trim().split("\\s+")));
        }
        return ids;
    }
}
