package dev.kcpim.jpa;

import dev.kcpim.domain.RequestKind;
import dev.kcpim.domain.RequestStatus;
import dev.kcpim.jpa.entity.AlertNoticeEntity;
import dev.kcpim.jpa.entity.EligibilityEntity;
import dev.kcpim.jpa.entity.LastLoginEntity;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reads behind the alerts (over PIM's tables and Keycloak's role mappings), and the two small tables
 * only alerts use: last sign-ins and the items already emailed.
 */
public final class AlertStore {
    private static final int CHUNK = 500;

    private final EntityManager em;

    AlertStore(EntityManager em) {
        this.em = em;
    }

    /** A (user, role) pair with the user's name. */
    public record Holding(String userId, String username, String roleId) {
    }

    /** How many times a user activated a role. */
    public record ActivationCount(String userId, String username, String roleId, long count) {
    }

    /**
     * Direct mappings of the roles that no ACTIVE request of PIM accounts for. Two plain reads (the mappings by role,
     * the realm's ACTIVE requests by status) and the difference here: as one statement with {@code NOT EXISTS}, a
     * PostgreSQL whose statistics lag behind a bulk load planned the subquery on the (realm, role) index and scanned
     * every request of the role per mapping, minutes for 100,000.
     */
    public List<Holding> directMappingsOutsidePim(String realmId, Collection<String> roleIds) {
        if (roleIds.isEmpty()) {
            return List.of();
        }
        Set<String> accounted = new HashSet<>();
        for (Holding active : activeElevations(realmId)) {
            accounted.add(active.userId() + " " + active.roleId());
        }
        return em.createQuery("select m.user.id, m.user.username, m.roleId from UserRoleMappingEntity m"
                        + " where m.user.realmId = :realmId and m.roleId in :roleIds", Object[].class)
                .setParameter("realmId", realmId).setParameter("roleIds", roleIds)
                .getResultStream().map(row -> new Holding((String) row[0], (String) row[1], (String) row[2]))
                .filter(holding -> !accounted.contains(holding.userId() + " " + holding.roleId())).toList();
    }

    /** The ACTIVE elevations of the realm as (user, role) pairs (index: IDX_PIM_REQ_STATUS_ENDS). */
    public List<Holding> activeElevations(String realmId) {
        return em.createQuery("select r.userId, r.username, r.roleId from PimRequest r where r.realmId = :realmId and r.status = :active",
                        Object[].class)
                .setParameter("realmId", realmId).setParameter("active", RequestStatus.ACTIVE)
                .getResultStream().map(row -> new Holding((String) row[0], (String) row[1], (String) row[2])).toList();
    }

    /** The eligibilities of the realm in force at {@code now}. */
    public List<EligibilityEntity> eligibilitiesInForce(String realmId, long now) {
        return em.createQuery("select e from PimEligibility e where e.realmId = :realmId and e.startsAt <= :now"
                        + " and (e.endsAt is null or e.endsAt > :now)", EligibilityEntity.class)
                .setParameter("realmId", realmId).setParameter("now", now).getResultList();
    }

    /** The latest activation request per eligibility since {@code since} (index: IDX_PIM_REQ_REALM_REQUESTED, of 0.1.0). */
    public Map<String, Long> lastActivationPerEligibility(String realmId, long since) {
        Map<String, Long> last = new HashMap<>();
        em.createQuery("select r.eligibilityId, max(r.requestedAt) from PimRequest r where r.realmId = :realmId and r.kind = :activation"
                        + " and r.requestedAt >= :since and r.eligibilityId is not null group by r.eligibilityId", Object[].class)
                .setParameter("realmId", realmId).setParameter("activation", RequestKind.ACTIVATION).setParameter("since", since)
                .getResultStream().forEach(row -> last.put((String) row[0], (Long) row[1]));
        return last;
    }

    /** Users who asked to activate a role more than {@code limit} times since {@code since} (index: IDX_PIM_REQ_REALM_REQUESTED, of 0.1.0). */
    public List<ActivationCount> activationsAbove(String realmId, long since, long limit) {
        return em.createQuery("select r.userId, r.username, r.roleId, count(r) from PimRequest r where r.realmId = :realmId"
                        + " and r.kind = :activation and r.requestedAt >= :since group by r.userId, r.username, r.roleId"
                        + " having count(r) > :limit order by count(r) desc", Object[].class)
                .setParameter("realmId", realmId).setParameter("activation", RequestKind.ACTIVATION).setParameter("since", since)
                .setParameter("limit", limit)
                .getResultStream().map(row -> new ActivationCount((String) row[0], (String) row[1], (String) row[2], (Long) row[3])).toList();
    }

    // --- last sign-ins

    public LastLoginEntity lastLogin(String realmId, String userId) {
        return em.find(LastLoginEntity.class, new LastLoginEntity.Key(realmId, userId));
    }

    /** user id → time of the last sign-in PIM saw. */
    public Map<String, Long> lastLogins(String realmId, Collection<String> userIds) {
        Map<String, Long> logins = new HashMap<>();
        List<String> ids = List.copyOf(userIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            em.createNamedQuery("PimLastLogin.ofUsers", LastLoginEntity.class).setParameter("realmId", realmId)
                    .setParameter("userIds", ids.subList(from, Math.min(ids.size(), from + CHUNK)))
                    .getResultStream().forEach(l -> logins.put(l.getUserId(), l.getLoggedInAt()));
        }
        return logins;
    }

    public void deleteLastLogin(String realmId, String userId) {
        em.createNamedQuery("PimLastLogin.deleteByUser").setParameter("realmId", realmId).setParameter("userId", userId).executeUpdate();
    }

    // --- items already emailed

    public List<AlertNoticeEntity> notices(String realmId, String alertType) {
        return em.createNamedQuery("PimAlertNotice.ofType", AlertNoticeEntity.class).setParameter("realmId", realmId)
                .setParameter("alertType", alertType).getResultList();
    }

    public void persist(Object entity) {
        em.persist(entity);
    }

    public void remove(Object entity) {
        em.remove(entity);
    }
}
