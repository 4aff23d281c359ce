package dev.kcpim.service;

import dev.kcpim.domain.Policy;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.DecisionEntity;
import dev.kcpim.jpa.entity.RequestEntity;
import dev.kcpim.notify.Notification;
import dev.kcpim.notify.NotificationType;
import dev.kcpim.notify.PimNotifier;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/** Queues the emails about a request; recipients are computed here, when the notification is queued. */
final class RequestNotices {
    private static final Logger LOG = Logger.getLogger(RequestNotices.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PimNotifier notifier;

    RequestNotices(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.notifier = PimNotifier.of(session, NotificationFailureAudit.INSTANCE);
    }

    /** Queues an email about the change; sent after the commit, and never failing the change. */
    void send(NotificationType type, RequestEntity entity, String reason) {
        try {
            List<DecisionEntity> decisions = type == NotificationType.APPROVED || type == NotificationType.DENIED
                    ? PimStore.of(session).decisionsOf(realm.getId(), List.of(entity.getId())).get(entity.getId())
                    : null;
            notifier.notify(Notification.of(type, entity, reason, decisions, recipients(type, entity)));
        } catch (RuntimeException e) {
            LOG.warnf(e, "PIM notification %s for request %s dropped", type, entity.getId());
        }
    }

    /** Who is told: the approvers for a request waiting for them; the requester (or elevated user) for everything else. */
    private List<String> recipients(NotificationType type, RequestEntity entity) {
        if (type == NotificationType.APPROVAL_REQUESTED) {
            RoleModel role = Roles.find(session, realm, entity.getRoleId());
            if (role == null) {
                return List.of();
            }
            Policy policy = new PolicyService(session, realm).effective(role);
            return new ApprovalService(session, realm).approversToNotify(policy, entity.getUserId()).stream().map(UserModel::getId).toList();
        }
        return List.of(entity.getUserId());
    }
}
