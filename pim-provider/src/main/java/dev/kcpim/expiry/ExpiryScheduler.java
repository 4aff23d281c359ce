package dev.kcpim.expiry;

import dev.kcpim.jpa.PimStore;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

/**
 * When the expiry task runs: every interval through Keycloak's {@link TimerProvider}, and at the due
 * moment in between. At the end of each run the earliest ACTIVE end or SCHEDULED start after it is
 * looked up (index lookups); if it comes before the periodic runs would see it, a one-shot run is
 * scheduled at that instant on a single daemon thread. Both go through Keycloak's
 * {@link ClusterAwareScheduledTaskRunner} (one node at a time, cluster-wide); on one node a scheduled
 * run that finds another still running (longer than the cluster lock lives: one interval) skips, and
 * the running one schedules the next wake-up when it ends.
 *
 * <p>The basis checks (a sweep over every open request: the safety net behind the listeners, which end
 * an elevation the moment its basis goes) run on a thread of their own under a cluster lock of their
 * own, started by a periodic run, at most every interval and no sooner than {@value #SWEEP_PAUSE_FACTOR}
 * times their last duration after they ended: at most a tenth of one thread however many requests are
 * open, and never in the way of the due transitions. Owns the worker pool; closed with the factory.
 */
public final class ExpiryScheduler implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ExpiryScheduler.class);
    static final int SWEEP_PAUSE_FACTOR = 9;
    /** How long the basis checks' cluster lock lives if its node dies mid-sweep. */
    private static final long SWEEP_LOCK_MILLIS = 10 * 60_000L;

    private final KeycloakSessionFactory factory;
    private final long intervalMillis;
    private final ExpiryWorkers workers;
    private final ScheduledExecutorService wakeUps;
    private final Runnable wakeUpRunner;
    private final ExecutorService sweeps;
    private final Runnable sweepRunner;
    private final AtomicBoolean sweepQueued = new AtomicBoolean();
    /** {@link System#nanoTime()} before which no sweep starts: real time, so that a shifted test clock does not stop them. */
    private volatile long nextSweepNanos = System.nanoTime();
    private final ReentrantLock running = new ReentrantLock();
    private ScheduledFuture<?> pending;
    private long pendingAt;

    public ExpiryScheduler(KeycloakSessionFactory factory, int intervalSeconds, int threads) {
        this.factory = factory;
        this.intervalMillis = intervalSeconds * 1000L;
        this.workers = ExpiryWorkers.of(threads);
        this.wakeUps = Executors.newSingleThreadScheduledExecutor(run -> {
            Thread thread = new Thread(run, "pim-expiry-wake-up");
            thread.setDaemon(true);
            return thread;
        });
        this.wakeUpRunner = new ClusterAwareScheduledTaskRunner(factory, new PimExpiryTask(this, PimExpiryTask.Kind.WAKE_UP), intervalMillis);
        this.sweeps = Executors.newSingleThreadExecutor(run -> {
            Thread thread = new Thread(run, "pim-basis-checks");
            thread.setDaemon(true);
            return thread;
        });
        this.sweepRunner = new ClusterAwareScheduledTaskRunner(factory, new PimExpiryTask(this, PimExpiryTask.Kind.BASIS_CHECKS),
                SWEEP_LOCK_MILLIS);
    }

    /** Schedules the periodic run, and a wake-up for what is due before its first run. */
    public void start() {
        try (KeycloakSession session = factory.create()) {
            TimerProvider timer = session.getProvider(TimerProvider.class);
            PimExpiryTask task = new PimExpiryTask(this, PimExpiryTask.Kind.PERIODIC);
            timer.schedule(new ClusterAwareScheduledTaskRunner(factory, task, intervalMillis), intervalMillis, task.getTaskName());
        }
        wakeUpFor(Time.currentTimeMillis());
    }

    /**
     * A whole pass now, in the caller's thread and the workers' (tests, through the test-only clock), and
     * the wake-up for what comes due next, as after a scheduled run; returns the rows changed.
     */
    public int runNow(Instant now) {
        int changed = ExpiryService.runDue(factory, now, workers);
        wakeUpFor(now.toEpochMilli());
        return changed;
    }

    /**
     * A scheduled run of the due transitions (already holding the cluster lock): skipped while another run of
     * this node is still going. A periodic run then starts the basis checks if they are due.
     */
    void runScheduled(Instant now, boolean wakeUp) {
        if (!running.tryLock()) {
            LOG.debugf("PIM expiry: a run is still going on this node; the %s run is skipped", wakeUp ? "wake-up" : "periodic");
        } else {
            try {
                int changed = ExpiryService.runTimed(factory, now, workers);
                if (changed > 0) {
                    LOG.debugf("PIM expiry: %s run at %d changed %d rows", wakeUp ? "wake-up" : "periodic", now.toEpochMilli(), changed);
                }
                wakeUpFor(now.toEpochMilli());
            } finally {
                running.unlock();
            }
        }
        if (!wakeUp) {
            startBasisChecksIfDue();
        }
    }

    private void startBasisChecksIfDue() {
        if (System.nanoTime() - nextSweepNanos < 0 || !sweepQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            sweeps.execute(() -> {
                try {
                    sweepRunner.run();
                } finally {
                    sweepQueued.set(false);
                }
            });
        } catch (RuntimeException shutDown) {
            sweepQueued.set(false);
        }
    }

    /** The basis checks (already holding their cluster lock); the next ones wait {@value #SWEEP_PAUSE_FACTOR} times as long as these took. */
    void runBasisChecks(Instant now) {
        long start = System.nanoTime();
        try {
            ExpiryService.runBasisChecks(factory, now);
        } finally {
            long end = System.nanoTime();
            nextSweepNanos = end + SWEEP_PAUSE_FACTOR * (end - start);
        }
    }

    /** Looks up the earliest instant after {@code after} at which something comes due, and wakes up then if the periodic runs would be late. */
    private void wakeUpFor(long after) {
        Long nextDue = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                session -> PimStore.of(session).requests().nextDueAfter(after).orElse(null));
        long now = Time.currentTimeMillis();
        Long at = Batches.wakeUpAt(nextDue, now, 2 * intervalMillis);
        if (at != null) {
            wakeUpAt(at, now);
        }
    }

    private synchronized void wakeUpAt(long at, long now) {
        if (pending != null && !pending.isDone() && pendingAt <= at) {
            return;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        pendingAt = at;
        try {
            pending = wakeUps.schedule(wakeUpRunner, at - now, TimeUnit.MILLISECONDS);
            LOG.debugf("PIM expiry: wake-up in %d ms (due at %d)", at - now, at);
        } catch (RuntimeException shutDown) {
            LOG.debugf("PIM expiry: no wake-up scheduled (%s)", shutDown.toString());
        }
    }

    @Override
    public void close() {
        wakeUps.shutdownNow();
        sweeps.shutdownNow();
        workers.close();
    }
}
