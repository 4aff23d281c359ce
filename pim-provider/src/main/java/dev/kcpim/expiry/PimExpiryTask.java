package dev.kcpim.expiry;

import java.time.Instant;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/** The cluster-aware periodic run of {@link ExpiryService}; the runner gives it one node at a time. */
public final class PimExpiryTask implements ScheduledTask {

    @Override
    public void run(KeycloakSession session) {
        ExpiryService.runDue(session.getKeycloakSessionFactory(), Instant.ofEpochMilli(Time.currentTimeMillis()));
    }

    @Override
    public String getTaskName() {
        return "pim-expiry";
    }
}
