package dev.kcpim.expiry;

import dev.kcpim.service.AlertNotices;
import java.time.Instant;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/** The periodic, cluster-aware evaluation of every realm's STANDING_ACCESS alert: new items are emailed to the realm's admins once. */
public final class PimAlertTask implements ScheduledTask {
    public static final String NAME = "pim-alerts";

    @Override
    public void run(KeycloakSession session) {
        AlertNotices.evaluateAllRealms(session.getKeycloakSessionFactory(), Instant.ofEpochMilli(Time.currentTimeMillis()));
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}
