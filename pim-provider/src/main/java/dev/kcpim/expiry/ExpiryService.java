package dev.kcpim.expiry;

import dev.kcpim.domain.Cause;
import dev.kcpim.domain.BasisLoss;
import dev.kcpim.domain.PimException;
import dev.kcpim.domain.RequestStateMachine;
import dev.kcpim.domain.RequestStatus;
import dev.kcpim.domain.Transition;
import dev.kcpim.jpa.ClaimBatch;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.EligibilityEntity;
import dev.kcpim.jpa.entity.RequestEntity;
import dev.kcpim.service.Actor;
import dev.kcpim.service.AuditLog;
import dev.kcpim.service.BasisService;
import dev.kcpim.service.BulkMappingRemoval;
import dev.kcpim.service.ElevationService;
import dev.kcpim.service.EventChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Applies the transitions that time and lost bases make due. First the basis of every open request
 * is checked (user disabled or gone, eligibility ended, removed or no longer covering the user):
 * those end as REVOKED, or CANCELLED while pending. Then ACTIVE past {@code endsAt} → EXPIRED
 * (mapping removed), SCHEDULED past {@code startsAt} → ACTIVE (mapping granted, basis re-checked),
 * PENDING_APPROVAL past its deadline → REQUEST_EXPIRED. The domain's state machine says which
 * transition is due. Each row is claimed with a conditional update, so concurrent runs (another
 * node, the token-event listener, a user deactivating) never end one request twice. The ends run in
 * batches on a few threads, each batch removing its mappings in one statement.
 */
public final class ExpiryService {
    private static final Logger LOG = Logger.getLogger(ExpiryService.class);
    static final int BATCH_SIZE = 500;
    /** A wave queues this many batches per worker thread, so that a thread done early takes the next batch instead of waiting for the others. */
    private static final int BATCHES_PER_THREAD_AND_WAVE = 5;
    /** A pass slower than this is logged at INFO with its parts. */
    private static final long SLOW_RUN_NANOS = 1_000_000_000L;
    private static final String WINDOW_ENDED = "the activation window ended";

    private ExpiryService() {
    }

    /**
     * One pass over all realms: the basis checks, then {@link #runTimed}; returns the rows changed.
     * The time-driven part looks at the time it starts, so what came due during the basis sweep is included.
     */
    public static int runDue(KeycloakSessionFactory factory, Instant now, ExpiryWorkers workers) {
        int changed = runBasisChecks(factory, now);
        return changed + runTimed(factory, Instant.ofEpochMilli(Math.max(now.toEpochMilli(), Time.currentTimeMillis())), workers);
    }

    /** The basis checks: ended eligibilities released, then the basis of every open request; returns the requests ended. */
    public static int runBasisChecks(KeycloakSessionFactory factory, Instant now) {
        long start = System.nanoTime();
        int changed = releaseEndedEligibilities(factory, now) + sweepBases(factory, now);
        long took = System.nanoTime() - start;
        if (took > SLOW_RUN_NANOS) {
            LOG.infof("PIM expiry: basis checks took %d ms (%d ended)", took / 1_000_000, changed);
        }
        return changed;
    }

    /**
     * The time-driven transitions due at {@code now}, in this order: due starts, due ends, approval
     * timeouts; in transactions of at most {@link #BATCH_SIZE} rows, the ends on the workers' threads
     * (see {@link #endDue}). Returns the rows changed.
     */
    public static int runTimed(KeycloakSessionFactory factory, Instant now, ExpiryWorkers workers) {
        long start = System.nanoTime();
        int changed = runSequentially(factory, "PimRequest.dueToStart", now);
        int ended = endDue(factory, now, workers);
        changed += ended + runSequentially(factory, "PimRequest.pendingBefore", now);
        long took = System.nanoTime() - start;
        if (took > SLOW_RUN_NANOS) {
            LOG.infof("PIM expiry: due transitions took %d ms (%d ended on %d threads, %d changed in all)", took / 1_000_000, ended,
                    workers.threads(), changed);
        }
        return changed;
    }

    private static int runSequentially(KeycloakSessionFactory factory, String query, Instant now) {
        int changed = 0;
        while (true) {
            int[] counts = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> processBatch(session, query, now));
            changed += counts[1];
            if (counts[0] < BATCH_SIZE || counts[1] == 0) {
                return changed;
            }
        }
    }

    /**
     * ACTIVE requests whose end has come, in waves: the ids of up to threads × {@value #BATCHES_PER_THREAD_AND_WAVE}
     * × {@link #BATCH_SIZE} of them are read, split into batches, and each batch ends its requests in a transaction of
     * its own on the next free worker thread, with one bulk removal of their mappings ({@link BulkMappingRemoval}).
     * A row another batch, node or user changed first is a lost claim and stays as the winner left it.
     */
    private static int endDue(KeycloakSessionFactory factory, Instant now, ExpiryWorkers workers) {
        int batches = workers.threads() * BATCHES_PER_THREAD_AND_WAVE;
        int capacity = batches * BATCH_SIZE;
        int changed = 0;
        while (true) {
            List<String> ids = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    session -> PimStore.of(session).requests().dueToEndIds(now.toEpochMilli(), capacity));
            List<Callable<Integer>> jobs = new ArrayList<>();
            for (List<String> batch : Batches.split(ids, batches, BATCH_SIZE)) {
                jobs.add(() -> KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> endBatch(session, batch)));
            }
            int wave = workers.runAll(jobs).stream().mapToInt(Integer::intValue).sum();
            changed += wave;
            if (ids.size() < capacity || wave == 0) {
                return changed;
            }
        }
    }

    /**
     * Ends the batch's requests, read with row locks in id order (batches racing on other nodes lock in the same
     * order), with one claim statement ({@link ClaimBatch}) and one mapping removal for the batch; returns the rows changed.
     */
    private static int endBatch(KeycloakSession session, List<String> ids) {
        PimStore.of(session).flushAtCommitOnly();
        ClaimBatch claims = ClaimBatch.open(session, ids);
        List<RequestEntity> due = claims.requests();
        BulkMappingRemoval removal = BulkMappingRemoval.open(session, due);
        Map<String, EligibilityEntity> eligibilities = BasisService.eligibilitiesOf(PimStore.of(session), due);
        int changed = applyAll(session, due, eligibilities, Instant.ofEpochMilli(Time.currentTimeMillis()));
        claims.close();
        int deleted = removal.flush();
        LOG.debugf("PIM expiry: %d of %d due rows changed (PimRequest.dueToEnd), %d mappings deleted in bulk", changed, due.size(), deleted);
        return changed;
    }

    /** Eligibilities whose end has passed: their open requests end, and their current-eligibility slot is freed. */
    private static int releaseEndedEligibilities(KeycloakSessionFactory factory, Instant now) {
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
            PimStore store = PimStore.of(session);
            int ended = 0;
            for (EligibilityEntity eligibility : store.eligibilities().endedEligibilitiesWithKey(now.toEpochMilli(), BATCH_SIZE)) {
                RealmModel realm = session.realms().getRealm(eligibility.getRealmId());
                if (realm != null) {
                    session.getContext().setRealm(realm);
                    ended += new BasisService(session, realm).reconcileEligibility(eligibility.getId(), now, systemAudit(session, realm));
                }
                eligibility.setCurrentKey(null);
            }
            return ended;
        });
    }

    /** Checks the basis of every open request, batch by batch in id order. */
    private static int sweepBases(KeycloakSessionFactory factory, Instant now) {
        int ended = 0;
        String after = "";
        while (true) {
            String from = after;
            Object[] batch = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> sweepBatch(session, from, now));
            ended += (Integer) batch[1];
            if (batch[0] == null) {
                return ended;
            }
            after = (String) batch[0];
        }
    }

    /** Returns {last id seen or null when the batch was the last, requests ended}. */
    private static Object[] sweepBatch(KeycloakSession session, String afterId, Instant now) {
        PimStore store = PimStore.of(session);
        List<RequestEntity> open = store.requests().openRequestsAfter(afterId, BATCH_SIZE);
        Map<String, EligibilityEntity> eligibilities = BasisService.eligibilitiesOf(store, open);
        int ended = 0;
        for (RequestEntity request : open) {
            RealmModel realm = session.realms().getRealm(request.getRealmId());
            if (realm == null) {
                continue;
            }
            session.getContext().setRealm(realm);
            EligibilityEntity eligibility = eligibilities.get(request.getEligibilityId());
            if (eligibility != null && !eligibility.getRealmId().equals(realm.getId())) {
                eligibility = null;
            }
            if (new BasisService(session, realm).reconcile(request, eligibility, now, systemAudit(session, realm))) {
                ended++;
            }
        }
        if (ended > 0) {
            LOG.debugf("PIM basis sweep: %d of %d open requests ended", ended, open.size());
        }
        String last = open.size() < BATCH_SIZE ? null : open.get(open.size() - 1).getId();
        return new Object[]{last, ended};
    }

    /** Returns {rows seen, rows changed}. */
    private static int[] processBatch(KeycloakSession session, String query, Instant runStart) {
        List<RequestEntity> due = PimStore.of(session).requests().due(query, runStart.toEpochMilli(), BATCH_SIZE);
        int changed = applyAll(session, due, null, Instant.ofEpochMilli(Time.currentTimeMillis()));
        if (changed > 0) {
            LOG.debugf("PIM expiry: %d of %d due rows changed (%s)", changed, due.size(), query);
        }
        return new int[]{due.size(), changed};
    }

    /** @param eligibilities the eligibilities of the due requests by id, if the caller loaded them (null: looked up when needed) */
    private static int applyAll(KeycloakSession session, List<RequestEntity> due, Map<String, EligibilityEntity> eligibilities, Instant now) {
        int changed = 0;
        for (RequestEntity request : due) {
            RealmModel realm = session.realms().getRealm(request.getRealmId());
            if (realm == null) {
                continue;
            }
            session.getContext().setRealm(realm);
            EligibilityEntity eligibility = eligibilities == null ? null : eligibilities.get(request.getEligibilityId());
            if (apply(session, realm, request, eligibility, now)) {
                changed++;
            }
        }
        return changed;
    }

    /**
     * Applies what the state machine says is due for the request at {@code now}; returns whether it changed.
     *
     * @param eligibility the request's eligibility if the caller loaded it (null: looked up when needed)
     */
    private static boolean apply(KeycloakSession session, RealmModel realm, RequestEntity request, EligibilityEntity eligibility, Instant now) {
        ElevationService elevations = new ElevationService(session, realm);
        AuditLog audit = systemAudit(session, realm);
        BasisService bases = new BasisService(session, realm);
        BasisLoss loss = switch (request.getStatus()) {
            case SCHEDULED -> bases.lossOf(request, now).orElse(null);
            case ACTIVE -> bases.eligibilityEndedWith(request, eligibility, now).orElse(null);
            default -> null;
        };
        Optional<Transition> due = RequestStateMachine.dueTransition(request.getStatus(), Instant.ofEpochMilli(request.getStartsAt()),
                Instant.ofEpochMilli(request.getEndsAt()),
                request.getApprovalDeadline() == null ? null : Instant.ofEpochMilli(request.getApprovalDeadline()), loss, now);
        if (due.isEmpty()) {
            return false;
        }
        try {
            Transition transition = due.get();
            if (transition == Transition.START) {
                boolean started = elevations.start(request, now, audit);
                if (started && request.getEndsAt() <= now.toEpochMilli()) {
                    // The whole window passed while nothing ran (downtime): start and end in one transaction.
                    elevations.apply(request, Transition.EXPIRE, Cause.of(WINDOW_ENDED), null, now, audit);
                }
                return started;
            }
            String reason = switch (transition) {
                case EXPIRE -> WINDOW_ENDED;
                case APPROVAL_TIMEOUT -> "no approval decision before the timeout";
                default -> loss.reason();
            };
            elevations.apply(request, transition, Cause.of(reason), null, now, audit);
            return true;
        } catch (PimException alreadyChanged) {
            return false;
        }
    }

    private static AuditLog systemAudit(KeycloakSession session, RealmModel realm) {
        return new AuditLog(session, realm, Actor.SYSTEM, EventChannel.NONE);
    }

    /**
     * Ends those of the given requests whose window has passed, in the caller's transaction. Used when
     * a user obtains tokens (with the requests the token guard already saw overdue), so that an active
     * user's mapping never outlives its window by more than one request, even when the task is late.
     */
    public static int endOverdue(KeycloakSession session, RealmModel realm, List<String> requestIds, Instant now) {
        int ended = 0;
        for (String requestId : requestIds) {
            RequestEntity request = PimStore.of(session).requests().request(realm.getId(), requestId).orElse(null);
            if (request != null && request.getStatus() == RequestStatus.ACTIVE && request.getEndsAt() <= now.toEpochMilli()
                    && apply(session, realm, request, null, now)) {
                ended++;
            }
        }
        return ended;
    }
}
