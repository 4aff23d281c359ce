package dev.kcpim.events;

import dev.kcpim.token.TokenMapperInstaller;
import dev.kcpim.expiry.ExpiryScheduler;
import dev.kcpim.expiry.PimAlertTask;
import dev.kcpim.expiry.PimReminderTask;
import dev.kcpim.service.EligibilityService;
import dev.kcpim.service.ManagedRoles;
import java.time.Instant;
import org.keycloak.common.util.Time;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/**
 * The global {@code pim} event listener (no per-realm enabling) and the home of PIM's server
 * options. After migration it schedules the expiry task and subscribes PIM to Keycloak's model
 * events (role mappings, user, role, group and realm removal).
 * <p>
 * Options: {@code --spi-events-listener--pim--expiry-interval-seconds} (default 5),
 * {@code --spi-events-listener--pim--expiry-threads} (default 4: the expiry task's worker threads,
 * each with a database connection while it runs a batch; Keycloak's pool has 100 by default).
 */
public class PimEventListenerProviderFactory implements EventListenerProviderFactory {
    private static final Logger LOG = Logger.getLogger(PimEventListenerProviderFactory.class);

    public static final String ID = "pim";
    static final int DEFAULT_EXPIRY_INTERVAL_SECONDS = 5;
    static final int DEFAULT_EXPIRY_THREADS = 4;
    static final int DEFAULT_ALERT_INTERVAL_SECONDS = 600;
    static final int DEFAULT_REMINDER_INTERVAL_SECONDS = 60;

    record Options(int expiryIntervalSeconds, int expiryThreads, int alertIntervalSeconds, int reminderIntervalSeconds) {
    }

    private Options options;
    private ExpiryScheduler expiry;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new PimEventListenerProvider(session);
    }

    @Override
    public void init(Config.Scope config) {
        int interval = config.getInt("expiry-interval-seconds", DEFAULT_EXPIRY_INTERVAL_SECONDS);
        if (interval < 1) {
            throw new IllegalArgumentException("expiry-interval-seconds must be at least 1, not " + interval);
        }
        int threads = config.getInt("expiry-threads", DEFAULT_EXPIRY_THREADS);
        if (threads < 1) {
            throw new IllegalArgumentException("expiry-threads must be at least 1, not " + threads);
        }
        int alertInterval = config.getInt("alert-interval-seconds", DEFAULT_ALERT_INTERVAL_SECONDS);
        if (alertInterval < 60) {
            throw new IllegalArgumentException("alert-interval-seconds must be at least 60, not " + alertInterval);
        }
        int reminderInterval = config.getInt("reminder-interval-seconds", DEFAULT_REMINDER_INTERVAL_SECONDS);
        if (reminderInterval < 10) {
            throw new IllegalArgumentException("reminder-interval-seconds must be at least 10, not " + reminderInterval);
        }
        options = new Options(interval, threads, alertInterval, reminderInterval);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session ->
                        EligibilityService.assignMissingCurrentKeys(session, Instant.ofEpochMilli(Time.currentTimeMillis())));
                ManagedRoles.migrate(factory);
                scheduleExpiry(factory);
                scheduleAlertsAndReminders(factory);
                TokenMapperInstaller.installInAllRealms(factory);
            } else {
                ModelEventHandler.handle(event);
            }
        });
    }

    private void scheduleExpiry(KeycloakSessionFactory factory) {
        expiry = new ExpiryScheduler(factory, options.expiryIntervalSeconds(), options.expiryThreads());
        expiry.start();
        LOG.infof("PIM expiry task scheduled every %d s (and at the due moment in between), %d threads", options.expiryIntervalSeconds(),
                options.expiryThreads());
    }

    private void scheduleAlertsAndReminders(KeycloakSessionFactory factory) {
        schedule(factory, new PimAlertTask(), options.alertIntervalSeconds());
        schedule(factory, new PimReminderTask(), options.reminderIntervalSeconds());
        LOG.infof("PIM alert evaluation scheduled every %d s, reminders every %d s", options.alertIntervalSeconds(),
                options.reminderIntervalSeconds());
    }

    private static void schedule(KeycloakSessionFactory factory, ScheduledTask task, int intervalSeconds) {
        long intervalMillis = intervalSeconds * 1000L;
        try (KeycloakSession session = factory.create()) {
            session.getProvider(TimerProvider.class).schedule(new ClusterAwareScheduledTaskRunner(factory, task, intervalMillis),
                    intervalMillis, task.getTaskName());
        }
    }

    /** The expiry task of this server (the test-only clock runs it on demand); null before the server finished starting. */
    public ExpiryScheduler expiry() {
        return expiry;
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public java.util.List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("expiry-interval-seconds").type("int")
                .helpText("How often the PIM expiry task ends elevations, starts scheduled ones and times out approvals")
                .defaultValue(DEFAULT_EXPIRY_INTERVAL_SECONDS).add()
                .property().name("expiry-threads").type("int")
                .helpText("Worker threads of the PIM expiry task: due elevations end in batches of 500, one transaction each")
                .defaultValue(DEFAULT_EXPIRY_THREADS).add()
                .property().name("alert-interval-seconds").type("int")
                .helpText("How often the realms' STANDING_ACCESS alert is evaluated (new items are emailed to the realm's admins once)")
                .defaultValue(DEFAULT_ALERT_INTERVAL_SECONDS).add()
                .property().name("reminder-interval-seconds").type("int")
                .helpText("How often PIM sends the due reminder emails (elevation ending soon, eligibility ending in 14 days and in 1 day)")
                .defaultValue(DEFAULT_REMINDER_INTERVAL_SECONDS).add()
                .build();
    }

    @Override
    public void close() {
        if (expiry != null) {
            expiry.close();
        }
    }

    @Override
    public String getId() {
        return ID;
    }
}
