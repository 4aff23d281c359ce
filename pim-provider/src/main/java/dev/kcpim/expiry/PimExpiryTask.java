package dev.kcpim.expiry;

import java.time.Instant;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/**
 * The cluster-aware run of {@link ExpiryService}; the runner gives it one node at a time (the cluster
 * lock is keyed by this class's simple name, so the periodic run and the wake-up run share it). The
 * periodic run does the whole pass; a wake-up run only the time-driven transitions. Both schedule the
 * next wake-up when they end.
 */
public final class PimExpiryTask implements ScheduledTask {
    private final ExpiryScheduler scheduler;
    private final boolean wakeUp;

    PimExpiryTask(ExpiryScheduler scheduler, boolean wakeUp) {
        this.scheduler = scheduler;
        this.wakeUp = wakeUp;
    }

    @Override
    public void run(KeycloakSession session) {
        scheduler.runScheduled(Instant.ofEpochMilli(Time.currentTimeMillis()), wakeUp);
    }

    @Override
    public String getTaskName() {
        return "pim-expiry";
    }
}
