package dev.kcpim.jpa;

import dev.kcpim.domain.EligibilityState;
import dev.kcpim.domain.PrincipalType;
import dev.kcpim.jpa.entity.EligibilityEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** PIM_ELIGIBILITY rows; every lookup by id is scoped to a realm. */
public final class EligibilityStore {

    private final EntityManager em;

    EligibilityStore(EntityManager em) {
        this.em = em;
    }

    /** USER eligibilities of the realm ending after {@code now} and no later than {@code until} without the 14-day (or 1-day) reminder, soonest first. */
    public List<EligibilityEntity> endingUnreminded(String realmId, boolean lastDay, long now, long until, int max) {
        return em.createNamedQuery(lastDay ? "PimEligibility.endingUnreminded1d" : "PimEligibility.endingUnreminded14d", EligibilityEntity.class)
                .setParameter("realmId", realmId).setParameter("now", now).setParameter("until", until).setMaxResults(max).getResultList();
    }

    /** Marks the reminder sent (the 1-day one marks the 14-day one too); false when another run sent it or the end changed meanwhile. */
    public boolean claimReminder(EligibilityEntity eligibility, boolean lastDay, long now) {
        return em.createNamedQuery(lastDay ? "PimEligibility.claimReminder1d" : "PimEligibility.claimReminder14d").setParameter("now", now)
                .setParameter("id", eligibility.getId()).setParameter("endsAt", eligibility.getEndsAt()).executeUpdate() == 1;
    }

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
}
