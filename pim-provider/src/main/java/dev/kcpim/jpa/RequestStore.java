package dev.kcpim.jpa;

import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.PimException;
import dev.kcpim.domain.RequestStatus;
import dev.kcpim.jpa.entity.RequestEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.TypedQuery;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** PIM_REQUEST rows: lookups scoped to a realm, and the conditional claims that make every transition happen once. */
public final class RequestStore {

    private final EntityManager em;
    private final ClaimBatch claims;

    RequestStore(EntityManager em, ClaimBatch claims) {
        this.em = em;
        this.claims = claims;
    }

    public Optional<RequestEntity> request(String realmId, String id) {
        return em.createNamedQuery("PimRequest.byId", RequestEntity.class)
                .setParameter("realmId", realmId).setParameter("id", id)
                .getResultStream().findFirst();
    }

    public Optional<RequestEntity> openRequest(String userId, String roleId) {
        return openRequestByKey(PimStore.openKey(userId, roleId));
    }

    /** The open request holding the key ({@link PimStore#openKey}, {@link PimStore#extensionKey}). */
    public Optional<RequestEntity> openRequestByKey(String openKey) {
        return em.createNamedQuery("PimRequest.openByUserAndRole", RequestEntity.class)
                .setParameter("openKey", openKey)
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

    /**
     * Moves the end of an ACTIVE request later (an extension), if it is still ACTIVE with the end the caller saw;
     * counts the extension. Returns whether this caller changed it.
     */
    public boolean extendEnd(RequestEntity request, long endsAt) {
        long durationSeconds = (endsAt - request.getStartsAt()) / 1000;
        int updated = em.createNamedQuery("PimRequest.extendEnd").setParameter("endsAt", endsAt).setParameter("durationSeconds", durationSeconds)
                .setParameter("id", request.getId()).setParameter("previousEndsAt", request.getEndsAt()).executeUpdate();
        if (updated == 1) {
            em.detach(request);
            request.setEndsAt(endsAt);
            request.setDurationSeconds(durationSeconds);
            request.setExtensions(request.getExtensions() + 1);
        }
        return updated == 1;
    }

    /** Sets the end a PENDING_APPROVAL request stands for (an EXTENSION's end, computed again at its approval); false when it is no longer pending. */
    public boolean replanPending(RequestEntity request, long endsAt) {
        int updated = em.createNamedQuery("PimRequest.replanPending").setParameter("endsAt", endsAt).setParameter("id", request.getId())
                .executeUpdate();
        if (updated == 1) {
            em.detach(request);
            request.setEndsAt(endsAt);
        }
        return updated == 1;
    }

    /** ACTIVE elevations of the realm ending after {@code now} and no later than {@code until} whose user was not reminded yet, soonest first. */
    public List<RequestEntity> endingUnreminded(String realmId, long now, long until, int max) {
        return em.createNamedQuery("PimRequest.endingUnreminded", RequestEntity.class).setParameter("realmId", realmId)
                .setParameter("now", now).setParameter("until", until).setMaxResults(max).getResultList();
    }

    /** Marks the reminder sent; false when another run (or node) sent it, or the elevation ended meanwhile. */
    public boolean claimReminder(RequestEntity request, long now) {
        return em.createNamedQuery("PimRequest.claimReminder").setParameter("now", now).setParameter("id", request.getId()).executeUpdate() == 1;
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

    /** The ids of ACTIVE requests whose end has come, oldest end first, at most {@code max}: the expiry task splits them into batches. */
    public List<String> dueToEndIds(long now, int max) {
        return em.createNamedQuery("PimRequest.dueToEndIds", String.class).setParameter("now", now).setMaxResults(max).getResultList();
    }

    /**
     * The earliest instant after {@code after} at which an ACTIVE request ends or a SCHEDULED one starts
     * (two index lookups: status + ends/starts); empty when there is none.
     */
    public Optional<Long> nextDueAfter(long after) {
        Long end = em.createNamedQuery("PimRequest.nextEnd", Long.class).setParameter("after", after).getSingleResult();
        Long start = em.createNamedQuery("PimRequest.nextStart", Long.class).setParameter("after", after).getSingleResult();
        return end == null ? Optional.ofNullable(start) : Optional.of(start == null ? end : Math.min(start, end));
    }

    /**
     * Moves a request from one status to another if, and only if, it is still in {@code from}: the
     * database decides which of two racing transitions (user, admin, expiry task, another node)
     * wins. Returns whether this caller won. Inside an expiry batch ({@link ClaimBatch}) the row is already
     * locked and the statement deferred to the batch's.
     */
    public boolean claim(RequestEntity request, RequestStatus from, RequestStatus to, String openKey, Long endedAt,
                         String endReason, boolean mappingAdded) {
        Boolean batched = claims == null ? null : claims.claim(request, from, to, openKey, endedAt, endReason, mappingAdded);
        int updated = batched != null ? (batched ? 1 : 0) : em.createNamedQuery("PimRequest.claim")
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
}
