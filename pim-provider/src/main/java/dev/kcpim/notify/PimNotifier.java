package dev.kcpim.notify;

import org.keycloak.models.KeycloakSession;

/**
 * Where services report the changes users are told about. Implementations send only after the
 * transaction of the change committed, and a failure to send never undoes or delays the change.
 */
public interface PimNotifier {

    PimNotifier NONE = notification -> {
    };

    void notify(Notification notification);

    /**
     * The notifier of the session's current transaction: emails sent after it commits, dropped if it
     * rolls back; emails that cannot be sent go to {@code failures}.
     */
    static PimNotifier of(KeycloakSession session, DeliveryFailures failures) {
        return AfterCommitNotifier.of(session, failures);
    }
}
