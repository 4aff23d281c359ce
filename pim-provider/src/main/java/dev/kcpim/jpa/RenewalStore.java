package dev.kcpim.jpa;

import dev.kcpim.domain.RenewalStatus;
import dev.kcpim.jpa.entity.RenewalEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

/** Renewal requests of eligibilities. */
public final class RenewalStore {
    private final EntityManager em;

    RenewalStore(EntityManager em) {
        this.em = em;
    }

    public Optional<RenewalEntity> renewal(String realmId, String id) {
        return em.createNamedQuery("PimRenewal.byId", RenewalEntity.class).setParameter("realmId", realmId).setParameter("id", id)
                .getResultStream().findFirst();
    }

    /** The renewal with a write lock until the transaction ends, so that two admins' decisions apply one after the other. */
    public Optional<RenewalEntity> renewalForUpdate(String realmId, String id) {
        return em.createNamedQuery("PimRenewal.byId", RenewalEntity.class).setParameter("realmId", realmId).setParameter("id", id)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
    }

    /** Newest first; all statuses when {@code status} is null. */
    public List<RenewalEntity> renewals(String realmId, RenewalStatus status, int first, int max) {
        return (status == null
                ? em.createNamedQuery("PimRenewal.byRealm", RenewalEntity.class).setParameter("realmId", realmId)
                : em.createNamedQuery("PimRenewal.byRealmAndStatus", RenewalEntity.class).setParameter("realmId", realmId)
                        .setParameter("status", status))
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    public List<RenewalEntity> renewalsOfUser(String realmId, String userId, int first, int max) {
        return em.createNamedQuery("PimRenewal.byUser", RenewalEntity.class).setParameter("realmId", realmId).setParameter("userId", userId)
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    public void deleteOfUser(String realmId, String userId) {
        em.createNamedQuery("PimRenewal.deleteByUser").setParameter("realmId", realmId).setParameter("userId", userId).executeUpdate();
    }
}
