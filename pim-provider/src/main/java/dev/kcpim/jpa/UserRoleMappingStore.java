package dev.kcpim.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keycloak's own direct user role mappings ({@code USER_ROLE_MAPPING}, entity {@code UserRoleMappingEntity}
 * of keycloak-model-jpa: {@code user} → {@code USER_ID}, {@code roleId} → {@code ROLE_ID}), read and
 * deleted many (user, role) pairs at a time. Only the expiry task uses it, for the mappings of the
 * elevations one batch ends; everything else goes through Keycloak's user model.
 */
public final class UserRoleMappingStore {

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
        if (pairs.isEmpty()) {
            return existing;
        }
        Query query = em.createQuery("select m.user.id, m.roleId from UserRoleMappingEntity m where " + where(pairs));
        bind(query, pairs);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        for (Object[] row : rows) {
            existing.add(new Pair((String) row[0], (String) row[1]));
        }
        return existing;
    }

    /** Deletes the pairs' mappings in one statement; returns how many rows went. */
    public int delete(Collection<Pair> pairs) {
        if (pairs.isEmpty()) {
            return 0;
        }
        Query query = em.createQuery("delete from UserRoleMappingEntity m where " + where(pairs));
        bind(query, pairs);
        return query.executeUpdate();
    }

    /**
     * {@code (m.roleId, m.user.id) in ((:r0, :u0), ...)}: a row-value list, which H2 and PostgreSQL look up in
     * the primary key {@code (ROLE_ID, USER_ID)} one pair at a time (Hibernate writes it as ORs of ANDs for a
     * database without row values). {@code m.roleId = :r and m.user.id in :users} made H2 scan every mapping
     * of the role, and an OR of two such terms the whole table.
     */
    private static String where(Collection<Pair> pairs) {
        StringBuilder where = new StringBuilder("(m.roleId, m.user.id) in (");
        for (int i = 0; i < pairs.size(); i++) {
            where.append(i == 0 ? "" : ", ").append("(:r").append(i).append(", :u").append(i).append(')');
        }
        return where.append(')').toString();
    }

    private static void bind(Query query, Collection<Pair> pairs) {
        int i = 0;
        for (Pair pair : pairs) {
            query.setParameter("r" + i, pair.roleId()).setParameter("u" + i, pair.userId());
            i++;
        }
    }
}
