package dev.kcpim.jpa;

import dev.kcpim.domain.AuditAction;
import dev.kcpim.domain.PrincipalType;
import dev.kcpim.jpa.entity.AuditEntity;
import dev.kcpim.jpa.entity.DecisionEntity;
import dev.kcpim.jpa.entity.ManagedRoleEntity;
import dev.kcpim.jpa.entity.PolicyEntity;
import dev.kcpim.jpa.entity.RealmStateEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/**
 * Rows of the PIM tables. Every lookup is scoped to a realm: a row of another realm is not found.
 * Requests and eligibilities have stores of their own ({@link #requests()}, {@link #eligibilities()}).
 */
public final class PimStore {

    private final EntityManager em;
    private final ClaimBatch claims;

    public PimStore(EntityManager em) {
        this(em, null);
    }

    private PimStore(EntityManager em, ClaimBatch claims) {
        this.em = em;
        this.claims = claims;
    }

    public static PimStore of(KeycloakSession session) {
        return new PimStore(session.getProvider(JpaConnectionProvider.class).getEntityManager(), ClaimBatch.current(session));
    }

    public EntityManager entityManager() {
        return em;
    }

    public EligibilityStore eligibilities() {
        return new EligibilityStore(em);
    }

    public RenewalStore renewals() {
        return new RenewalStore(em);
    }

    public AlertStore alerts() {
        return new AlertStore(em);
    }

    public RequestStore requests() {
        return new RequestStore(em, claims);
    }

    /** Keycloak's direct user role mappings, in bulk (the expiry task). */
    public UserRoleMappingStore userRoleMappings() {
        return new UserRoleMappingStore(em);
    }

    // --- policies

    public Optional<PolicyEntity> policy(String realmId, String roleId) {
        return em.createNamedQuery("PimPolicy.byRole", PolicyEntity.class)
                .setParameter("realmId", realmId).setParameter("roleId", roleId)
                .getResultStream().findFirst();
    }

    public List<PolicyEntity> policies(String realmId) {
        return em.createNamedQuery("PimPolicy.byRealm", PolicyEntity.class).setParameter("realmId", realmId).getResultList();
    }

    public void persist(Object entity) {
        em.persist(entity);
    }

    /**
     * Pending changes of this transaction are written at commit only, not before each query. For the
     * expiry task's batches, whose writes are conditional updates of rows they read and inserts
     * (audit) that nothing in the batch reads back: without it, each of the batch's claims makes
     * Hibernate check every entity of the transaction first, and a batch costs its size squared.
     */
    public void flushAtCommitOnly() {
        em.setFlushMode(FlushModeType.COMMIT);
    }

    /** Writes pending changes now, so that a constraint violation surfaces here rather than at commit. */
    public void flush() {
        em.flush();
    }

    public void deletePolicy(String realmId, String roleId) {
        em.createNamedQuery("PimPolicy.deleteByRole").setParameter("realmId", realmId).setParameter("roleId", roleId).executeUpdate();
    }

    public void deleteEligibilitiesOfRole(String realmId, String roleId) {
        em.createNamedQuery("PimEligibility.deleteByRole").setParameter("realmId", realmId).setParameter("roleId", roleId).executeUpdate();
    }

    public void deleteEligibilitiesOfPrincipal(String realmId, PrincipalType type, String principalId) {
        em.createNamedQuery("PimEligibility.deleteByPrincipal").setParameter("realmId", realmId)
                .setParameter("principalType", type).setParameter("principalId", principalId).executeUpdate();
    }

    /** Everything of a removed realm but its audit trail. */
    public void deleteRealm(String realmId) {
        for (String query : List.of("PimDecision.deleteByRealm", "PimRequest.deleteByRealm", "PimEligibility.deleteByRealm", "PimPolicy.deleteByRealm",
                "PimManagedRole.deleteByRealm", "PimRealmState.deleteByRealm", "PimLastLogin.deleteByRealm", "PimAlertNotice.deleteByRealm",
                "PimRenewal.deleteByRealm")) {
            em.createNamedQuery(query).setParameter("realmId", realmId).executeUpdate();
        }
    }

    // --- managed roles

    public List<String> managedRoleIds(String realmId) {
        return em.createNamedQuery("PimManagedRole.idsOfRealm", String.class).setParameter("realmId", realmId).getResultList();
    }

    /** Adds the role to the realm's managed roles unless it is there; call with the realm's state row locked. */
    public void addManagedRole(String realmId, String roleId, long now) {
        if (em.find(ManagedRoleEntity.class, new ManagedRoleEntity.Key(realmId, roleId)) == null) {
            em.persist(new ManagedRoleEntity(realmId, roleId, now));
        }
    }

    public void removeManagedRole(String realmId, String roleId) {
        em.createNamedQuery("PimManagedRole.delete").setParameter("realmId", realmId).setParameter("roleId", roleId).executeUpdate();
    }

    /** The realm's state row, created if missing; a concurrent creation fails with a persistence error (the caller retries). */
    public RealmStateEntity createRealmStateIfMissing(String realmId, long now) {
        RealmStateEntity state = em.find(RealmStateEntity.class, realmId);
        if (state == null) {
            state = new RealmStateEntity(realmId, now);
            em.persist(state);
            em.flush();
        }
        return state;
    }

    /** The realm's state row with a write lock until the transaction ends, or null when there is none yet. */
    public RealmStateEntity realmStateForUpdate(String realmId) {
        return em.find(RealmStateEntity.class, realmId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Every role a policy, an eligibility or a request of the realm names (the migration of managed roles). */
    public List<String> roleIdsInUse(String realmId) {
        List<String> ids = new ArrayList<>();
        for (String entity : List.of("PimPolicy", "PimEligibility", "PimRequest")) {
            ids.addAll(em.createQuery("select distinct x.roleId from " + entity + " x where x.realmId = :realmId", String.class)
                    .setParameter("realmId", realmId).getResultList());
        }
        return ids;
    }

    /** The open key of an EXTENSION waiting for approval: one per extended request, beside that request's own key. */
    public static String extensionKey(String extendedRequestId) {
        return "ext:" + extendedRequestId;
    }

    public static String openKey(String userId, String roleId) {
        return userId + ":" + roleId;
    }

    // --- decisions

    public Map<String, List<DecisionEntity>> decisionsOf(String realmId, Collection<String> requestIds) {
        Map<String, List<DecisionEntity>> byRequest = new HashMap<>();
        if (requestIds.isEmpty()) {
            return byRequest;
        }
        em.createNamedQuery("PimDecision.byRequests", DecisionEntity.class)
                .setParameter("realmId", realmId).setParameter("requestIds", List.copyOf(requestIds))
                .getResultStream()
                .forEach(d -> byRequest.computeIfAbsent(d.getRequestId(), k -> new ArrayList<>()).add(d));
        return byRequest;
    }

    // --- audit

    /** Audit rows, newest first; {@code from} and {@code to} (epoch ms, inclusive) bound the time when given. */
    public List<AuditEntity> searchAudit(String realmId, String userId, AuditAction action, Long from, Long to, int first, int max) {
        StringBuilder jpql = new StringBuilder("select a from PimAudit a where a.realmId = :realmId");
        Map<String, Object> params = new HashMap<>();
        params.put("realmId", realmId);
        if (userId != null) {
            jpql.append(" and a.userId = :userId");
            params.put("userId", userId);
        }
        if (action != null) {
            jpql.append(" and a.action = :action");
            params.put("action", action);
        }
        if (from != null) {
            jpql.append(" and a.at >= :from");
            params.put("from", from);
        }
        if (to != null) {
            jpql.append(" and a.at <= :to");
            params.put("to", to);
        }
        jpql.append(" order by a.seq desc");
        TypedQuery<AuditEntity> query = em.createQuery(jpql.toString(), AuditEntity.class);
        params.forEach(query::setParameter);
        return query.setFirstResult(first).setMaxResults(max).getResultList();
    }
}
