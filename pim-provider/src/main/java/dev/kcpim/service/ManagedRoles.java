package dev.kcpim.service;

import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.RealmStateEntity;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The roles PIM manages in a realm (a policy, an eligibility or an assignment named them). The
 * table PIM_MANAGED_ROLE is the truth (its primary key makes concurrent additions safe); the token
 * path reads a copy PIM writes into the realm attribute {@code pim.managedRoleIds}, so that it comes
 * from Keycloak's realm cache and a user who holds none of these roles costs no database lookup.
 * The copy is rewritten from the table, serialized per realm by a row lock, in a transaction of its
 * own that commits before anything that depends on the role does. A copy that is missing or was not
 * written by PIM (removed by hand, a realm update or import without it, a 0.1.0 value) is a cache
 * miss: the table is read and the copy rewritten — fail closed.
 */
public final class ManagedRoles {
    private static final Logger LOG = Logger.getLogger(ManagedRoles.class);
    static final String ATTRIBUTE = "pim.managedRoleIds";
    /** The first word of every copy PIM writes. */
    static final String MARKER = "pim:v2";
    private static final String SESSION_KEY = "dev.kcpim.managedRoles.";
    private static final int ATTEMPTS = 3;
    /**
     * The last parsed copy per realm id, reused while the attribute holds the same text (the token path would
     * otherwise split it on every token): a cache of a parse, not of data, so a changed attribute is parsed again.
     */
    private static final Map<String, Parsed> PARSED = new ConcurrentHashMap<>();

    private record Parsed(String value, Set<String> ids) {
    }

    private ManagedRoles() {
    }

    /** Makes the role managed; committed before the caller's transaction goes on. */
    public static void ensure(KeycloakSession session, RealmModel realm, String roleId) {
        if (copyOf(realm).map(ids -> ids.contains(roleId)).orElse(false)) {
            return;
        }
        publish(session.getKeycloakSessionFactory(), realm.getId(), List.of(roleId));
        session.removeAttribute(SESSION_KEY + realm.getId());
    }

    /** The managed roles of the realm, from the realm cache; on a cache miss from the table (and the copy repaired). */
    @SuppressWarnings("unchecked")
    public static Set<String> of(KeycloakSession session, RealmModel realm) {
        String key = SESSION_KEY + realm.getId();
        Set<String> cached = session.getAttribute(key, Set.class);
        if (cached != null) {
            return cached;
        }
        Set<String> ids = copyOf(realm).orElse(null);
        if (ids == null) {
            ids = new LinkedHashSet<>(PimStore.of(session).managedRoleIds(realm.getId()));
            if (!ids.isEmpty() || realm.getAttribute(ATTRIBUTE) != null) {
                LOG.warnf("PIM: realm %s has no valid copy of its managed roles (attribute %s); read %d from the database and repairing it",
                        realm.getName(), ATTRIBUTE, ids.size());
            }
            try {
                publish(session.getKeycloakSessionFactory(), realm.getId(), List.of());
            } catch (RuntimeException e) {
                LOG.warnf(e, "PIM: repairing the managed roles of realm %s failed; the next request reads the database again", realm.getName());
            }
        }
        session.setAttribute(key, ids);
        return ids;
    }

    /** The realm was removed: its parsed copy goes too (other nodes keep theirs, a few bytes, until they restart). */
    public static void forget(String realmId) {
        PARSED.remove(realmId);
    }

    /** A new realm (created or imported) starts with an empty copy, so that its first token requests read no table. */
    public static void initialize(RealmModel realm) {
        if (copyOf(realm).isEmpty()) {
            realm.setAttribute(ATTRIBUTE, MARKER);
        }
    }

    /**
     * After an admin updated the realm (a realm representation carries attributes, so an older export
     * can put back a stale copy or drop it): before that transaction commits, the copy is rewritten
     * from the table in the same transaction.
     */
    public static void rewriteCopyBeforeCommit(KeycloakSession session, RealmModel realm) {
        session.getTransactionManager().enlistPrepare(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                String copy = copyFrom(PimStore.of(session).managedRoleIds(realm.getId()));
                if (!copy.equals(realm.getAttribute(ATTRIBUTE))) {
                    LOG.infof("PIM: the realm update of %s changed its copy of the managed roles; rewritten from the database", realm.getName());
                    realm.setAttribute(ATTRIBUTE, copy);
                }
                session.removeAttribute(SESSION_KEY + realm.getId());
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    /** A removed role: its row goes (the copy may keep its id: a role that no longer exists is guarded for nothing). */
    public static void forget(KeycloakSession session, RealmModel realm, String roleId) {
        PimStore.of(session).removeManagedRole(realm.getId(), roleId);
    }

    /** At startup: every realm's managed roles into the table (0.1.0's attribute, and every role PIM rows name), copies rewritten. */
    public static void migrate(KeycloakSessionFactory factory) {
        List<String> realmIds = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                session -> session.realms().getRealmsStream().map(RealmModel::getId).toList());
        for (String realmId : realmIds) {
            Set<String> ids = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                Set<String> found = new LinkedHashSet<>(parse(realm == null ? null : realm.getAttribute(ATTRIBUTE)));
                found.addAll(PimStore.of(session).roleIdsInUse(realmId));
                return found;
            });
            publish(factory, realmId, ids);
        }
    }

    /** In transactions of their own: adds the ids to the table and rewrites the realm's copy from it, one writer per realm at a time. */
    static void publish(KeycloakSessionFactory factory, String realmId, Collection<String> roleIds) {
        long now = Time.currentTimeMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> PimStore.of(session).createRealmStateIfMissing(realmId, now));
                break;
            } catch (RuntimeException createdConcurrently) {
                if (attempt == ATTEMPTS) {
                    throw createdConcurrently;
                }
            }
        }
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            PimStore store = PimStore.of(session);
            RealmStateEntity state = store.realmStateForUpdate(realmId);
            RealmModel realm = session.realms().getRealm(realmId);
            if (state == null || realm == null) {
                return;
            }
            for (String roleId : roleIds) {
                store.addManagedRole(realmId, roleId, now);
            }
            store.flush();
            String copy = copyFrom(store.managedRoleIds(realmId));
            if (!copy.equals(realm.getAttribute(ATTRIBUTE))) {
                realm.setAttribute(ATTRIBUTE, copy);
            }
            state.setUpdatedAt(now);
        });
    }

    private static String copyFrom(List<String> roleIds) {
        return String.join(" ", MARKER, String.join(" ", roleIds)).trim();
    }

    /** The copy in the realm attribute, if PIM wrote it; unmodifiable. */
    private static Optional<Set<String>> copyOf(RealmModel realm) {
        String value = realm.getAttribute(ATTRIBUTE);
        if (value == null || !(value.equals(MARKER) || value.startsWith(MARKER + " "))) {
            return Optional.empty();
        }
        Parsed last = PARSED.get(realm.getId());
        if (last != null && last.value().equals(value)) {
            return Optional.of(last.ids());
        }
        Set<String> ids = parse(value.substring(MARKER.length()));
        PARSED.put(realm.getId(), new Parsed(value, ids));
        return Optional.of(ids);
    }

    private static Set<String> parse(String value) {
        Set<String> ids = new LinkedHashSet<>();
        if (value != null && !value.isBlank()) {
            Arrays.stream(value.trim().split("\\s+")).filter(id -> !id.equals(MARKER)).forEach(ids::add);
        }
        return Collections.unmodifiableSet(ids);
    }
}
