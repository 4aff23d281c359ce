package dev.kcpim.expiry;

import dev.kcpim.service.ReminderService;
import java.time.Instant;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/** The periodic, cluster-aware pass that sends the reminder emails (elevation ending soon, eligibility ending in 14 days and in 1 day). */
public final class PimReminderTask implements ScheduledTask {
    public static final String NAME = "pim-reminders";

    @Override
    public void run(KeycloakSession session) {
        ReminderService.runAllRealms(session.getKeycloakSessionFactory(), Instant.ofEpochMilli(Time.currentTimeMillis()));
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}
