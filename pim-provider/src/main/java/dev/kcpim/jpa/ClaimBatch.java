package dev.kcpim.jpa;

import dev.kcpim.domain.RequestStatus;
import dev.kcpim.jpa.entity.RequestEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.models.KeycloakSession;

/**
 * The claims of one batch of the expiry task written as one {@code UPDATE … WHERE id IN (…)} per distinct
 * outcome instead of one statement per request. The batch's rows are read with a row lock held until the
 * transaction ends ({@link #open}), so nobody else can change them meanwhile and a claim of a locked row in
 * its locked status is won; {@link RequestStore#claim} answers it from here and defers the statement. The
 * status is checked here, on the locked rows, not in the statement: with a status condition a database
 * whose statistics lag behind a bulk load (PostgreSQL before its next ANALYZE) scans every row of that
 * status through the status index for each batch instead of looking the ids up by primary key.
 * {@link #flush()} writes them before the commit and fails the batch (rollback; the next run retries) if
 * the database changed fewer rows than were claimed. A row claimed twice in one transaction (started and
 * ended together) writes its first claim at once and takes the second the usual way.
 */
public final class ClaimBatch {
    private record Outcome(RequestStatus to, String openKey, Long endedAt, String endReason, boolean mappingAdded) {
    }

    static final String ATTRIBUTE = "dev.kcpim.claims.batch";

    private final KeycloakSession session;
    private final EntityManager em;
    private final List<RequestEntity> requests = new ArrayList<>();
    private final Map<String, RequestStatus> locked = new HashMap<>();
    private final Map<Outcome, List<String>> pending = new LinkedHashMap<>();
    private final Set<String> claimed = new HashSet<>();

    private ClaimBatch(KeycloakSession session, EntityManager em) {
        this.session = session;
        this.em = em;
    }

    /**
     * Reads the requests with row locks (in id order, so that racing batches lock in the same order) and opens
     * the batch for them on the session's transaction, until {@link #close()}.
     */
    public static ClaimBatch open(KeycloakSession session, List<String> ids) {
        ClaimBatch batch = new ClaimBatch(session, PimStore.of(session).entityManager());
        if (!ids.isEmpty()) {
            batch.requests.addAll(batch.em.createNamedQuery("PimRequest.byIdsInOrder", RequestEntity.class).setParameter("ids", ids)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList());
            batch.requests.forEach(r -> batch.locked.put(r.getId(), r.getStatus()));
        }
        session.setAttribute(ATTRIBUTE, batch);
        return batch;
    }

    /** The batch open on the session, if any. */
    static ClaimBatch current(KeycloakSession session) {
        return session.getAttribute(ATTRIBUTE, ClaimBatch.class);
    }

    /** The locked requests, in id order. */
    public List<RequestEntity> requests() {
        return requests;
    }

    /** Null when the request is not this batch's to claim (not locked, or already claimed once); otherwise whether the claim is won. */
    Boolean claim(RequestEntity request, RequestStatus from, RequestStatus to, String openKey, Long endedAt, String endReason,
                  boolean mappingAdded) {
        if (claimed.contains(request.getId())) {
            flush();
            return null;
        }
        RequestStatus status = locked.get(request.getId());
        if (status == null) {
            return null;
        }
        if (status != from) {
            return false;
        }
        claimed.add(request.getId());
        pending.computeIfAbsent(new Outcome(to, openKey, endedAt, endReason, mappingAdded), k -> new ArrayList<>()).add(request.getId());
        return true;
    }

    /** Writes the deferred claims and closes the batch; returns the rows changed. */
    public int close() {
        session.removeAttribute(ATTRIBUTE);
        return flush();
    }

    /** Writes the deferred claims; throws if the database changed fewer rows than were claimed. */
    private int flush() {
        int changed = 0;
        for (Map.Entry<Outcome, List<String>> entry : pending.entrySet()) {
            Outcome o = entry.getKey();
            int updated = em.createNamedQuery("PimRequest.claimMany")
                    .setParameter("to", o.to()).setParameter("openKey", o.openKey()).setParameter("endedAt", o.endedAt())
                    .setParameter("endReason", o.endReason()).setParameter("mappingAdded", o.mappingAdded())
                    .setParameter("ids", entry.getValue())
                    .executeUpdate();
            if (updated != entry.getValue().size()) {
                throw new IllegalStateException("PIM expiry batch: " + entry.getValue().size() + " claims of locked rows, but " + updated
                        + " rows changed; the batch is rolled back");
            }
            changed += updated;
        }
        pending.clear();
        return changed;
    }
}
