package dev.kcpim.notify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakTransaction;
import org.keycloak.models.RealmModel;
import org.keycloak.urls.UrlType;

/**
 * Collects the notifications of one transaction and, once it has committed, hands them to a
 * background thread that sends them ({@link EmailDelivery}). A rollback drops them. Nothing here
 * throws into the caller: a notification that cannot even be queued is logged and dropped.
 */
final class AfterCommitNotifier implements PimNotifier {
    private static final Logger LOG = Logger.getLogger(AfterCommitNotifier.class);
    private static final String ATTRIBUTE = "dev.kcpim.notify.afterCommit";
    static final String EXECUTOR = "pim-notifications";
    private static final String FRONTEND_URL = "frontendUrl";

    private final KeycloakSession session;
    private final DeliveryFailures failures;

    private AfterCommitNotifier(KeycloakSession session, DeliveryFailures failures) {
        this.session = session;
        this.failures = failures;
    }

    static PimNotifier of(KeycloakSession session, DeliveryFailures failures) {
        return new AfterCommitNotifier(session, failures);
    }

    @Override
    public void notify(Notification notification) {
        try {
            Queue queue = queue();
            // Once per realm and transaction: an expiry batch queues hundreds, and building the URI is not free.
            String baseUri = queue.baseUris.computeIfAbsent(notification.realmId(), realmId -> Optional.ofNullable(frontendBaseUri(realmId)))
                    .orElse(null);
            queue.items.add(new EmailDelivery.Queued(notification, baseUri));
        } catch (RuntimeException e) {
            LOG.warnf(e, "PIM notification %s for request %s dropped: cannot queue it", notification.type(), notification.requestId());
        }
    }

    private Queue queue() {
        Queue queue = session.getAttribute(ATTRIBUTE, Queue.class);
        if (queue == null) {
            queue = new Queue(session.getKeycloakSessionFactory(),
                    session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR), failures);
            session.getTransactionManager().enlistAfterCompletion(queue);
            session.setAttribute(ATTRIBUTE, queue);
        }
        return queue;
    }

    /**
     * The server's public base URI for links: the realm's Frontend URL when it has one, else as Keycloak
     * builds it for the current HTTP request, or outside a request (the expiry task) from the
     * {@code hostname} option; null when none is known.
     */
    private String frontendBaseUri(String realmId) {
        RealmModel current = session.getContext().getRealm();
        RealmModel realm = current != null && current.getId().equals(realmId) ? current : session.realms().getRealm(realmId);
        String frontendUrl = realm == null ? null : realm.getAttribute(FRONTEND_URL);
        if (frontendUrl != null && !frontendUrl.isBlank()) {
            return frontendUrl;
        }
        try {
            return session.getContext().getUri(UrlType.FRONTEND).getBaseUri().toString();
        } catch (RuntimeException noRequest) {
            LOG.debugf("PIM notification without links: no request and no configured hostname (%s)", noRequest.toString());
            return null;
        }
    }

    /** The after-completion part of a transaction: sends on commit, forgets on rollback. */
    private static final class Queue implements KeycloakTransaction {
        private final KeycloakSessionFactory factory;
        private final ExecutorService executor;
        private final DeliveryFailures failures;
        private final List<EmailDelivery.Queued> items = new ArrayList<>();
        private final Map<String, Optional<String>> baseUris = new HashMap<>();
        private boolean active;

        private Queue(KeycloakSessionFactory factory, ExecutorService executor, DeliveryFailures failures) {
            this.factory = factory;
            this.executor = executor;
            this.failures = failures;
        }

        @Override
        public void begin() {
            active = true;
        }

        @Override
        public void commit() {
            active = false;
            if (items.isEmpty()) {
                return;
            }
            List<EmailDelivery.Queued> batch = List.copyOf(items);
            items.clear();
            try {
                executor.execute(() -> EmailDelivery.deliver(factory, batch, failures));
            } catch (RuntimeException e) {
                LOG.warnf("PIM notifications dropped (%d): the executor refused them (%s)", batch.size(), e.toString());
            }
        }

        @Override
        public void rollback() {
            active = false;
            items.clear();
        }

        @Override
        public void setRollbackOnly() {
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }

        @Override
        public boolean isActive() {
            return active;
        }
    }
}
