package dev.kcpim.jpa;

import dev.kcpim.domain.AuditAction;
import dev.kcpim.domain.EligibilityState;
import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.PimException;
import dev.kcpim.domain.PrincipalType;
import dev.kcpim.domain.RequestStatus;
import dev.kcpim.jpa.entity.AuditEntity;
import dev.kcpim.jpa.entity.DecisionEntity;
import dev.kcpim.jpa.entity.EligibilityEntity;
import dev.kcpim.jpa.entity.ManagedRoleEntity;
import dev.kcpim.jpa.entity.PolicyEntity;
import dev.kcpim.jpa.entity.RealmStateEntity;
import dev.kcpim.jpa.entity.RequestEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** Rows of the PIM tables. Every lookup is scoped to a realm: a row of another realm is not found. */
public final class PimStore {

    private final EntityManager em;

    public PimStore(EntityManager em) {
        this.em = em;
    }

    public static PimStore of(KeycloakSession session) {
        return new PimStore(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    public EntityManager entityManager() {
        return em;
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

    /** Writes pending changes now, so that a constraint violation surfaces here rather than at commit. */
    public void flush() {
        em.flush();
    }

    // --- eligibilities

    public Optional<EligibilityEntity> eligibility(String realmId, String id) {
        return em.createNamedQuery("PimEligibility.byId", EligibilityEntity.class)
                .setParameter("realmId", realmId).setParameter("id", id)
                .getResultStream().findFirst();
    }

    /** Eligibilities granted to the user directly or to any of the given groups. */
    public List<EligibilityEntity> eligibilitiesOf(String realmId, String userId, Collection<String> groupIds) {
        List<String> groups = groupIds.isEmpty() ? List.of("-") : List.copyOf(groupIds);
        return em.createNamedQuery("PimEligibility.byPrincipals", EligibilityEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).setParameter("groupIds", groups)
                .getResultList();
    }

    public List<EligibilityEntity> eligibilitiesOfPrincipal(String realmId, PrincipalType type, String principalId) {
        return em.createNamedQuery("PimEligibility.byPrincipal", EligibilityEntity.class)
                .setParameter("realmId", realmId).setParameter("principalType", type).setParameter("principalId", principalId)
                .getResultList();
    }

    /** Eligibilities by id, across realms (the expiry task's basis sweep); missing ids are left out. */
    public Map<String, EligibilityEntity> eligibilitiesByIds(Collection<String> ids) {
        Map<String, EligibilityEntity> byId = new HashMap<>();
        if (ids.isEmpty()) {
            return byId;
        }
        em.createQuery("select e from PimEligibility e where e.id in :ids", EligibilityEntity.class)
                .setParameter("ids", List.copyOf(ids)).getResultStream().forEach(e -> byId.put(e.getId(), e));
        return byId;
    }

    /** Frees the current-eligibility slot of a principal and role if the eligibility holding it has ended. */
    public void releaseEndedKey(String currentKey, long now) {
        em.createNamedQuery("PimEligibility.releaseEndedKey").setParameter("currentKey", currentKey).setParameter("now", now).executeUpdate();
    }

    public Optional<EligibilityEntity> eligibilityByCurrentKey(String currentKey) {
        return em.createNamedQuery("PimEligibility.byCurrentKey", EligibilityEntity.class).setParameter("currentKey", currentKey)
                .getResultStream().findFirst();
    }

    /** Eligibilities that have not ended but hold no current key (rows from before 0.2.0), oldest first. */
    public List<EligibilityEntity> eligibilitiesWithoutKey(long now) {
        return em.createNamedQuery("PimEligibility.withoutKey", EligibilityEntity.class).setParameter("now", now).getResultList();
    }

    /** Eligibilities that ended but still hold their current key: their open requests have lost their basis. */
    public List<EligibilityEntity> endedEligibilitiesWithKey(long now, int max) {
        return em.createNamedQuery("PimEligibility.endedWithKey", EligibilityEntity.class).setParameter("now", now)
                .setMaxResults(max).getResultList();
    }

    /** The roles that have at least one eligibility in the realm. */
    public List<String> eligibleRoleIds(String realmId) {
        return em.createNamedQuery("PimEligibility.roleIdsOfRealm", String.class).setParameter("realmId", realmId).getResultList();
    }


    /**
     * Eligibilities of a realm, oldest first, filtered by role, by principals (a user and their
     * groups) and by state at {@code now}.
     */
    public List<EligibilityEntity> searchEligibilities(String realmId, String roleId, String userId, Collection<String> groupIds,
                                                       EligibilityState state, long now, int first, int max) {
        StringBuilder jpql = new StringBuilder("select e from PimEligibility e where e.realmId = :realmId");
        Map<String, Object> params = new HashMap<>();
        params.put("realmId", realmId);
        if (roleId != null) {
            jpql.append(" and e.roleId = :roleId");
            params.put("roleId", roleId);
        }
        if (userId != null) {
            jpql.append(" and ((e.principalType = :userType and e.principalId = :userId)");
            params.put("userType", PrincipalType.USER);
            params.put("userId", userId);
            if (!groupIds.isEmpty()) {
                jpql.append(" or (e.principalType = :groupType and e.principalId in :groupIds)");
                params.put("groupType", PrincipalType.GROUP);
                params.put("groupIds", List.copyOf(groupIds));
            }
            jpql.append(")");
        }
        if (state != null) {
            switch (state) {
                case FUTURE -> jpql.append(" and e.startsAt > :now");
                case EXPIRED -> jpql.append(" and e.endsAt is not null and e.endsAt <= :now");
                case ELIGIBLE -> jpql.append(" and e.startsAt <= :now and (e.endsAt is null or e.endsAt > :now)");
            }
            params.put("now", now);
        }
        jpql.append(" order by e.createdAt, e.id");
        TypedQuery<EligibilityEntity> query = em.createQuery(jpql.toString(), EligibilityEntity.class);
        params.forEach(query::setParameter);
        return query.setFirstResult(first).setMaxResults(max).getResultList();
    }

    // --- requests

    public Optional<RequestEntity> request(String realmId, String id) {
        return em.createNamedQuery("PimRequest.byId", RequestEntity.class)
                .setParameter("realmId", realmId).setParameter("id", id)
                .getResultStream().findFirst();
    }

    public Optional<RequestEntity> openRequest(String userId, String roleId) {
        return em.createNamedQuery("PimRequest.openByUserAndRole", RequestEntity.class)
                .setParameter("openKey", openKey(userId, roleId))
                .getResultStream().findFirst();
    }


    public List<RequestEntity> openRequestsOfEligibility(String realmId, String eligibilityId) {
        return em.createNamedQuery("PimRequest.openByEligibility", RequestEntity.class)
                .setParameter("realmId", realmId).setParameter("eligibilityId", eligibilityId).getResultList();
    }

    /** Open requests of all realms with an id after {@code afterId}, in id order (the basis sweep, batch by batch). */
    public List<RequestEntity> openRequestsAfter(String afterId, int max) {
        return em.createNamedQuery("PimRequest.openAfter", RequestEntity.class).setParameter("afterId", afterId)
                .setMaxResults(max).getResultList();
    }

    /**
     * Moves the end of an open request earlier (never later), if it is still in {@code status}.
     * Returns whether this caller changed it.
     */
    public boolean cutEnd(RequestEntity request, RequestStatus status, long endsAt) {
        int updated = em.createNamedQuery("PimRequest.cutEnd").setParameter("endsAt", endsAt)
                .setParameter("id", request.getId()).setParameter("status", status).executeUpdate();
        if (updated == 1) {
            em.detach(request);
            request.setEndsAt(endsAt);
        }
        return updated == 1;
    }

    /** Lets an open request rest on another eligibility of the same user and role. */
    public boolean rebase(RequestEntity request, String eligibilityId) {
        int updated = em.createNamedQuery("PimRequest.rebase").setParameter("eligibilityId", eligibilityId)
                .setParameter("id", request.getId()).setParameter("status", request.getStatus()).executeUpdate();
        if (updated == 1) {
            em.detach(request);
            request.setEligibilityId(eligibilityId);
        }
        return updated == 1;
    }

    /** Requests of a realm, newest first, with optional filters. */
    public List<RequestEntity> searchRequests(String realmId, String userId, String roleId, RequestStatus status, int first, int max) {
        StringBuilder jpql = new StringBuilder("select r from PimRequest r where r.realmId = :realmId");
        Map<String, Object> params = new HashMap<>();
        params.put("realmId", realmId);
        if (userId != null) {
            jpql.append(" and r.userId = :userId");
            params.put("userId", userId);
        }
        if (roleId != null) {
            jpql.append(" and r.roleId = :roleId");
            params.put("roleId", roleId);
        }
        if (status != null) {
            jpql.append(" and r.status = :status");
            params.put("status", status);
        }
        jpql.append(" order by r.requestedAt desc, r.id desc");
        TypedQuery<RequestEntity> query = em.createQuery(jpql.toString(), RequestEntity.class);
        params.forEach(query::setParameter);
        return query.setFirstResult(first).setMaxResults(max).getResultList();
    }


    /** The user's ACTIVE requests and those that ended (after starting) since {@code endedSince}. */
    public List<RequestEntity> tokenGuardRequestsOfUser(String realmId, String userId, long endedSince) {
        return em.createNamedQuery("PimRequest.tokenGuardOfUser", RequestEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).setParameter("endedSince", endedSince)
                .getResultList();
    }

    public List<RequestEntity> openRequestsOfRole(String realmId, String roleId) {
        return em.createNamedQuery("PimRequest.openByRole", RequestEntity.class)
                .setParameter("realmId", realmId).setParameter("roleId", roleId).getResultList();
    }

    public List<RequestEntity> openRequestsOfUser(String realmId, String userId) {
        return em.createNamedQuery("PimRequest.openByUser", RequestEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).getResultList();
    }

    /** Due work of the expiry task, oldest first, at most {@code max} rows of one kind. */
    public List<RequestEntity> due(String queryName, long now, int max) {
        return em.createNamedQuery(queryName, RequestEntity.class).setParameter("now", now).setMaxResults(max).getResultList();
    }

    /**
     * Moves a request from one status to another if, and only if, it is still in {@code from}: the
     * database decides which of two racing transitions (user, admin, expiry task, another node)
     * wins. Returns whether this caller won.
     */
    public boolean claim(RequestEntity request, RequestStatus from, RequestStatus to, String openKey, Long endedAt,
                         String endReason, boolean mappingAdded) {
        int updated = em.createNamedQuery("PimRequest.claim")
                .setParameter("to", to).setParameter("openKey", openKey).setParameter("endedAt", endedAt)
                .setParameter("endReason", endReason).setParameter("mappingAdded", mappingAdded)
                .setParameter("id", request.getId()).setParameter("from", from)
                .executeUpdate();
        if (updated == 1) {
            em.detach(request);
            request.setStatus(to);
            request.setOpenKey(openKey);
            request.setEndedAt(endedAt);
            request.setEndReason(endReason);
            request.setMappingAdded(mappingAdded);
        }
        return updated == 1;
    }

    /**
     * A request of the realm, read with a row lock held until the transaction ends: approvers deciding
     * the same request at once are serialized, so the last of them sees every earlier decision.
     */
    public Optional<RequestEntity> requestForUpdate(String realmId, String id) {
        try {
            return em.createNamedQuery("PimRequest.byId", RequestEntity.class)
                    .setParameter("realmId", realmId).setParameter("id", id)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultStream().findFirst();
        } catch (PessimisticLockException | LockTimeoutException e) {
            throw new PimException(ErrorCode.CONFLICT, "the request is being changed by someone else; try again");
        }
    }

    /** Requests of a realm waiting for approval, oldest first. */
    public List<RequestEntity> pendingApprovals(String realmId) {
        return em.createNamedQuery("PimRequest.byStatus", RequestEntity.class)
                .setParameter("realmId", realmId).setParameter("status", RequestStatus.PENDING_APPROVAL)
                .getResultList();
    }

    /**
     * Moves a request pending approval to ACTIVE or SCHEDULED with the window planned at approval time,
     * if it is still pending (see {@link #claim}). Returns whether this caller won.
     */
    public boolean claimApproval(RequestEntity request, RequestStatus to, long startsAt, long endsAt, long durationSeconds,
                                 boolean mappingAdded) {
        int updated = em.createNamedQuery("PimRequest.claimApproval")
                .setParameter("to", to).setParameter("startsAt", startsAt).setParameter("endsAt", endsAt)
                .setParameter("durationSeconds", durationSeconds).setParameter("mappingAdded", mappingAdded)
                .setParameter("id", request.getId())
                .executeUpdate();
        if (updated == 1) {
            em.detach(request);
            request.setStatus(to);
            request.setStartsAt(startsAt);
            request.setEndsAt(endsAt);
            request.setDurationSeconds(durationSeconds);
            request.setMappingAdded(mappingAdded);
        }
        return updated == 1;
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
                "PimManagedRole.deleteByRealm", "PimRealmState.deleteByRealm")) {
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

    public List<AuditEntity> searchAudit(String realmId, String userId, AuditAction action, int first, int max) {
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
        jpql.append(" order by a.seq desc");
        TypedQuery<AuditEntity> query = em.createQuery(jpql.toString(), AuditEntity.class);
        params.forEach(query::setParameter);
        return query.setFirstResult(first).setMaxResults(max).getResultList();
    }
}
