package dev.kcpim.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Sends queued notifications on a background thread, after the change they are about has
 * committed: through Keycloak's {@link EmailTemplateProvider} with the realm's SMTP settings and email
 * theme. A realm without an SMTP server gets no emails (nothing to report); a recipient without an
 * email address is skipped; any other failure is logged and handed to the {@link DeliveryFailures}
 * the service gave (the audit's {@code NOTIFICATION_FAILED}).
 */
final class EmailDelivery {
    private static final Logger LOG = Logger.getLogger(EmailDelivery.class);
    private static final int MAX_ERROR_LENGTH = 500;

    /** A notification and the server's public base URI when it was queued (null when unknown). */
    record Queued(Notification notification, String baseUri) {
    }

    private record Failure(String recipientId, String recipientUsername, String error) {
    }

    private EmailDelivery() {
    }

    static void deliver(KeycloakSessionFactory factory, List<Queued> batch, DeliveryFailures recorder) {
        for (Queued queued : batch) {
            List<Failure> failures = new ArrayList<>();
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> send(session, queued, failures));
            } catch (RuntimeException e) {
                LOG.warnf(e, "PIM notification %s for request %s failed", queued.notification().type(), queued.notification().requestId());
                failures.add(new Failure(null, null, describe(e)));
            }
            if (!failures.isEmpty()) {
                record(factory, queued.notification(), failures, recorder);
            }
        }
    }

    private static void send(KeycloakSession session, Queued queued, List<Failure> failures) {
        Notification n = queued.notification();
        RealmModel realm = session.realms().getRealm(n.realmId());
        if (realm == null) {
            return;
        }
        session.getContext().setRealm(realm);
        Map<String, String> smtp = realm.getSmtpConfig();
        if (smtp == null || smtp.get("host") == null || smtp.get("host").isBlank()) {
            LOG.debugf("PIM notification %s for request %s not sent: realm %s has no SMTP server", n.type(), n.requestId(), realm.getName());
            return;
        }
        String link = EmailContent.link(queued.baseUri(), realm.getName(), n.type());
        EmailTemplateProvider emails = session.getProvider(EmailTemplateProvider.class);
        for (UserModel recipient : recipients(session, realm, n)) {
            if (recipient.getEmail() == null || recipient.getEmail().isBlank()) {
                LOG.debugf("PIM notification %s for request %s not sent to user %s: no email address", n.type(), n.requestId(),
                        recipient.getId());
                continue;
            }
            try {
                emails.setRealm(realm).setUser(recipient)
                        .send(n.type().subjectKey(), EmailContent.subjectAttributes(n), n.type().template(), EmailContent.attributes(n, link));
                LOG.debugf("PIM notification %s for request %s sent to user %s", n.type(), n.requestId(), recipient.getId());
            } catch (EmailException | RuntimeException e) {
                LOG.warnf("PIM notification %s for request %s to user %s in realm %s failed: %s", n.type(), n.requestId(),
                        recipient.getId(), realm.getName(), describe(e));
                failures.add(new Failure(recipient.getId(), recipient.getUsername(), describe(e)));
            }
        }
    }

    /** The recipients the service chose when it queued the notification, as far as they still exist and are enabled. */
    private static List<UserModel> recipients(KeycloakSession session, RealmModel realm, Notification n) {
        return n.recipientIds().stream()
                .map(id -> session.users().getUserById(realm, id))
                .filter(user -> user != null && user.isEnabled())
                .toList();
    }

    private static void record(KeycloakSessionFactory factory, Notification n, List<Failure> failures, DeliveryFailures recorder) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(n.realmId());
                if (realm == null) {
                    return;
                }
                session.getContext().setRealm(realm);
                for (Failure failure : failures) {
                    recorder.record(session, realm, n, failure.recipientId(), failure.recipientUsername(), failure.error());
                }
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "PIM notification failure for request %s could not be recorded", n.requestId());
        }
    }

    /** The exception and its causes, briefly (SMTP errors say what went wrong in the cause). */
    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < MAX_ERROR_LENGTH; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text.toString();
    }
}
