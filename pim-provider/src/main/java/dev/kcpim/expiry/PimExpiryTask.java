package dev.kcpim.expiry;

import java.time.Instant;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/**
 * A cluster-aware run of {@link ExpiryService}; Keycloak's runner gives each task name to one node at a
 * time. The time-driven transitions (the periodic run and the wake-up run share the name
 * {@code pim-expiry}) and the basis checks ({@code pim-basis-checks}) have names of their own, so that a
 * long basis sweep never holds back an elevation that is due to end.
 */
public final class PimExpiryTask implements ScheduledTask {
    /** What a run does. */
    enum Kind {
        /** Every interval: the due transitions, then the basis checks if they are due. */
        PERIODIC,
        /** At the moment something comes due between periodic runs: the due transitions. */
        WAKE_UP,
        /** The basis of every open request (started by a periodic run, on a thread of its own). */
        BASIS_CHECKS
    }

    private final ExpiryScheduler scheduler;
    private final Kind kind;

    PimExpiryTask(ExpiryScheduler scheduler, Kind kind) {
        this.scheduler = scheduler;
        this.kind = kind;
    }

    @Override
    public void run(KeycloakSession session) {
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        if (kind == Kind.BASIS_CHECKS) {
            scheduler.runBasisChecks(now);
        } else {
            scheduler.runScheduled(now, kind == Kind.WAKE_UP);
        }
    }

    @Override
    public String getTaskName() {
        return kind == Kind.BASIS_CHECKS ? "pim-basis-checks" : "pim-expiry";
    }
}
