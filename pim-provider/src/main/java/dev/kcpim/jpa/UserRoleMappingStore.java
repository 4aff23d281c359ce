package dev.kcpim.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Keycloak's own direct user role mappings ({@code USER_ROLE_MAPPING}, entity {@code UserRoleMappingEntity}
 * of keycloak-model-jpa: {@code user} → {@code USER_ID}, {@code roleId} → {@code ROLE_ID}), read and
 * deleted many (user, role) pairs at a time. Only the expiry task uses it, for the mappings of the
 * elevations one batch ends; everything else goes through Keycloak's user model.
 */
public final class UserRoleMappingStore {
    private static final Logger LOG = Logger.getLogger(UserRoleMappingStore.class);
    /** Whether the database is H2 (decided once, from the persistence unit's dialect). */
    private static volatile Boolean h2;

    /** One direct mapping: a user holds a role. */
    public record Pair(String userId, String roleId) {
    }

    private final EntityManager em;

    UserRoleMappingStore(EntityManager em) {
        this.em = em;
    }

    /**
     * Those of the pairs that exist, read with a row lock held until the transaction ends (as Keycloak's
     * own {@code deleteRoleMapping} reads the row it deletes), so a concurrent removal waits and finds nothing.
     */
    public Set<Pair> existingForUpdate(Collection<Pair> pairs) {
        Set<Pair> existing = new HashSet<>();
        for (Selection selection : selections(pairs)) {
            Query query = em.createQuery("select m.user.id, m.roleId from UserRoleMappingEntity m where " + selection.where());
            selection.bind(query);
            @SuppressWarnings("unchecked")
            List<Object[]> rows = query.setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
            for (Object[] row : rows) {
                existing.add(new Pair((String) row[0], (String) row[1]));
            }
        }
        return existing;
    }

    /** Deletes the pairs' mappings (one statement, or one per role, see {@link #selections}); returns how many rows went. */
    public int delete(Collection<Pair> pairs) {
        int deleted = 0;
        for (Selection selection : selections(pairs)) {
            Query query = em.createQuery("delete from UserRoleMappingEntity m where " + selection.where());
            selection.bind(query);
            deleted += query.executeUpdate();
        }
        return deleted;
    }

    /** The rows of some pairs as a JPQL condition and its parameters. */
    private interface Selection {
        String where();

        void bind(Query query);
    }

    /**
     * How the pairs are looked up in the primary key {@code (ROLE_ID, USER_ID)}, one probe per pair. H2: a
     * row-value list {@code (m.roleId, m.user.id) in ((:r0, :u0), ...)} (H2 scans every mapping of the role for
     * {@code m.roleId = :r and m.user.id in :users}). Every other database: one statement per role,
     * {@code m.roleId = :r and m.user.id in :users}, which PostgreSQL answers with one index scan over the
     * array of users; it plans a row-value list as an OR of one bitmap scan per pair, 25 times slower for 500.
     */
    private List<Selection> selections(Collection<Pair> pairs) {
        if (pairs.isEmpty()) {
            return List.of();
        }
        if (isH2()) {
            return List.of(new RowValues(List.copyOf(pairs)));
        }
        Map<String, List<String>> usersByRole = new LinkedHashMap<>();
        for (Pair pair : pairs) {
            usersByRole.computeIfAbsent(pair.roleId(), r -> new ArrayList<>()).add(pair.userId());
        }
        List<Selection> selections = new ArrayList<>();
        usersByRole.forEach((roleId, userIds) -> selections.add(new UsersOfRole(roleId, userIds)));
        return selections;
    }

    private boolean isH2() {
        Boolean known = h2;
        if (known == null) {
            Object dialect = em.getEntityManagerFactory().getProperties().get("hibernate.dialect");
            known = dialect != null && dialect.toString().contains("H2");
            LOG.infof("PIM bulk mapping statements: dialect %s, %s", dialect, known ? "row-value lists" : "one statement per role");
            h2 = known;
        }
        return known;
    }

    private record RowValues(List<Pair> pairs) implements Selection {
        @Override
        public String where() {
            StringBuilder where = new StringBuilder("(m.roleId, m.user.id) in (");
            for (int i = 0; i < pairs.size(); i++) {
                where.append(i == 0 ? "" : ", ").append("(:r").append(i).append(", :u").append(i).append(')');
            }
            return where.append(')').toString();
        }

        @Override
        public void bind(Query query) {
            for (int i = 0; i < pairs.size(); i++) {
                query.setParameter("r" + i, pairs.get(i).roleId()).setParameter("u" + i, pairs.get(i).userId());
            }
        }
    }

    private record UsersOfRole(String roleId, List<String> userIds) implements Selection {
        @Override
        public String where() {
            return "m.roleId = :roleId and m.user.id in :userIds";
        }

        @Override
        public void bind(Query query) {
            query.setParameter("roleId", roleId).setParameter("userIds", userIds);
        }
    }
}
