package dev.kcpim.service;

import dev.kcpim.domain.Alert;
import dev.kcpim.domain.AlertType;
import dev.kcpim.jpa.AlertStore;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.AlertNoticeEntity;
import dev.kcpim.notify.Notification;
import dev.kcpim.notify.PimNotifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Emails the realm's admins (the enabled holders of realm-management's manage-realm) about each new
 * STANDING_ACCESS item once: the items emailed are kept (PIM_ALERT_NOTICE) until they go away, under the
 * realm's state row lock so that the periodic task and an on-demand evaluation never both email one item.
 * Runs in a transaction of its own; the emails leave after it commits.
 */
public final class AlertNotices {
    private static final Logger LOG = Logger.getLogger(AlertNotices.class);
    static final int MAX_RECIPIENTS = 200;

    private AlertNotices() {
    }

    /** Books the realm's current STANDING_ACCESS items and emails the new ones; returns how many were new. */
    public static int emailNewStandingAccess(KeycloakSessionFactory factory, String realmId, List<Alert.Item> items, Instant now) {
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> book(session, realmId, items, now));
        } catch (RuntimeException e) {
            LOG.warnf(e, "PIM: the standing-access alert of realm %s could not be booked; the next evaluation tries again", realmId);
            return 0;
        }
    }

    /** Every realm's STANDING_ACCESS items, evaluated and booked (the periodic task); returns how many were new. */
    public static int evaluateAllRealms(KeycloakSessionFactory factory, Instant now) {
        List<String> realmIds = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                session -> session.realms().getRealmsStream().map(RealmModel::getId).toList());
        int emailed = 0;
        for (String realmId : realmIds) {
            emailed += evaluateRealm(factory, realmId, now);
        }
        return emailed;
    }

    /** One realm's STANDING_ACCESS items, evaluated and booked; returns how many were new. */
    public static int evaluateRealm(KeycloakSessionFactory factory, String realmId, Instant now) {
        try {
            List<Alert.Item> items = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                if (realm == null) {
                    return List.<Alert.Item>of();
                }
                session.getContext().setRealm(realm);
                return new AlertService(session, realm).standingAccess();
            });
            return emailNewStandingAccess(factory, realmId, items, now);
        } catch (RuntimeException e) {
            LOG.warnf(e, "PIM: evaluating the standing-access alert of realm %s failed", realmId);
            return 0;
        }
    }

    private static int book(KeycloakSession session, String realmId, List<Alert.Item> items, Instant now) {
        RealmModel realm = session.realms().getRealm(realmId);
        PimStore pim = PimStore.of(session);
        if (realm == null || pim.realmStateForUpdate(realmId) == null) {
            return 0;
        }
        session.getContext().setRealm(realm);
        AlertStore store = pim.alerts();
        String type = AlertType.STANDING_ACCESS.name();
        Map<String, AlertNoticeEntity> booked = new LinkedHashMap<>();
        store.notices(realmId, type).forEach(n -> booked.put(n.getUserId() + ":" + n.getRoleId(), n));
        List<Alert.Item> fresh = new ArrayList<>();
        for (Alert.Item item : items) {
            if (booked.remove(item.userId() + ":" + item.roleId()) == null) {
                fresh.add(item);
                store.persist(new AlertNoticeEntity(realmId, type, item.userId(), item.roleId(), now.toEpochMilli()));
            }
        }
        booked.values().forEach(store::remove);
        if (!fresh.isEmpty()) {
            List<String> recipients = admins(session, realm);
            LOG.warnf("PIM: %d new holders of managed roles outside PIM in realm %s; emailing %d admins", fresh.size(), realm.getName(),
                    recipients.size());
            PimNotifier.of(session, NotificationFailureAudit.INSTANCE).notify(Notification.standingAccess(realmId,
                    fresh.stream().map(i -> new Notification.AlertLine(i.username(), i.role(), i.detail())).toList(), recipients));
        }
        return fresh.size();
    }

    /** The enabled users holding realm-management's manage-realm (directly, through a group or a composite such as realm-admin). */
    private static List<String> admins(KeycloakSession session, RealmModel realm) {
        ClientModel realmManagement = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        RoleModel manageRealm = realmManagement == null ? null : realmManagement.getRole(AdminRoles.MANAGE_REALM);
        if (manageRealm == null) {
            return List.of();
        }
        return List.copyOf(RoleHolders.enabledHolders(session, realm, manageRealm, MAX_RECIPIENTS).keySet());
    }
}
