package dev.kcpim.service;

import dev.kcpim.domain.AuditAction;
import dev.kcpim.notify.DeliveryFailures;
import dev.kcpim.notify.Notification;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** An email PIM could not send is audited as NOTIFICATION_FAILED; the change it was about stands. */
final class NotificationFailureAudit implements DeliveryFailures {
    static final NotificationFailureAudit INSTANCE = new NotificationFailureAudit();

    private NotificationFailureAudit() {
    }

    @Override
    public void record(KeycloakSession session, RealmModel realm, Notification n, String recipientId, String recipientUsername, String error) {
        new AuditLog(session, realm, Actor.SYSTEM, EventChannel.NONE).record(AuditLog.entry(AuditAction.NOTIFICATION_FAILED)
                .user(n.userId()).role(n.roleId()).request(n.requestId())
                .detail("notification", n.type().name())
                .detail("recipientId", recipientId)
                .detail("recipient", recipientUsername)
                .detail("error", error));
    }
}
