package dev.kcpim.events;

import dev.kcpim.token.TokenMapperInstaller;
import dev.kcpim.expiry.PimExpiryTask;
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
import org.keycloak.timer.TimerProvider;

/**
 * The global {@code pim} event listener (no per-realm enabling) and the home of PIM's server
 * options. After migration it schedules the expiry task and subscribes PIM to Keycloak's model
 * events (role mappings, user, role, group and realm removal).
 * <p>
 * Option: {@code --spi-events-listener--pim--expiry-interval-seconds} (default 5).
 */
public class PimEventListenerProviderFactory implements EventListenerProviderFactory {
    private static final Logger LOG = Logger.getLogger(PimEventListenerProviderFactory.class);

    public static final String ID = "pim";
    static final int DEFAULT_EXPIRY_INTERVAL_SECONDS = 5;

    record Options(int expiryIntervalSeconds) {
    }

    private Options options;

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
        options = new Options(interval);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session ->
                        EligibilityService.assignMissingCurrentKeys(session, Instant.ofEpochMilli(Time.currentTimeMillis())));
                ManagedRoles.migrate(factory);
                scheduleExpiry(factory);
                TokenMapperInstaller.installInAllRealms(factory);
            } else {
                ModelEventHandler.handle(event);
            }
        });
    }

    private void scheduleExpiry(KeycloakSessionFactory factory) {
        long intervalMillis = options.expiryIntervalSeconds() * 1000L;
        try (KeycloakSession session = factory.create()) {
            TimerProvider timer = session.getProvider(TimerProvider.class);
            PimExpiryTask task = new PimExpiryTask();
            timer.schedule(new ClusterAwareScheduledTaskRunner(factory, task, intervalMillis), intervalMillis, task.getTaskName());
        }
        LOG.infof("PIM expiry task scheduled every %d s", options.expiryIntervalSeconds());
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
                .build();
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
