package dev.kcpim.notify;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Where an email that could not be sent is recorded (the audit, given by the service that queued
 * it): called on the delivery thread, in a transaction of its own.
 */
public interface DeliveryFailures {

    DeliveryFailures NONE = (session, realm, notification, recipientId, recipientUsername, error) -> {
    };

    void record(KeycloakSession session, RealmModel realm, Notification notification, String recipientId, String recipientUsername,
                String error);
}
