package dev.kcpim.service;

import dev.kcpim.domain.PimSettings;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.EligibilityEntity;
import dev.kcpim.jpa.entity.RequestEntity;
import dev.kcpim.notify.Notification;
import dev.kcpim.notify.NotificationType;
import dev.kcpim.notify.PimNotifier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The reminder emails (contract v1.1): to the user the realm's {@code elevationEndingReminderMinutes} before an
 * ACTIVE elevation ends (with a link to extend it; again after an extension moved the end), and 14 days and 1 day
 * before their eligibility ends (a link to ask for a renewal). Each reminder is claimed with a conditional update
 * before it is queued, so a run on another node, or the next run, never sends it twice. Only USER eligibilities: a
 * group's eligibility is renewed by an admin. A realm without an SMTP server is skipped.
 */
public final class ReminderService {
    private static final Logger LOG = Logger.getLogger(ReminderService.class);
    /** At most this many reminders of each kind per transaction ... */
    static final int BATCH = 500;
    /** ... and this many transactions per realm and run (the next run takes the rest). */
    static final int MAX_BATCHES_PER_RUN = 20;
    private static final Duration FOURTEEN_DAYS = Duration.ofDays(14);
    private static final Duration ONE_DAY = Duration.ofDays(1);

    private ReminderService() {
    }

    /** One pass over every realm where PIM manages roles; returns the reminders queued. */
    public static int runAllRealms(KeycloakSessionFactory factory, Instant now) {
        List<String> realmIds = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                session -> session.realms().getRealmsStream().map(RealmModel::getId).toList());
        int sent = 0;
        for (String realmId : realmIds) {
            sent += runRealm(factory, realmId, now);
        }
        return sent;
    }

    /** One realm's due reminders, batch by batch; returns the reminders queued. */
    public static int runRealm(KeycloakSessionFactory factory, String realmId, Instant now) {
        int sent = 0;
        try {
            for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
                int queued = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> remind(session, realmId, now));
                sent += queued;
                if (queued < BATCH) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "PIM reminders of realm %s failed; the next run tries again", realmId);
        }
        return sent;
    }

    private static int remind(KeycloakSession session, String realmId, Instant now) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null || !hasSmtpServer(realm) || ManagedRoles.of(session, realm).isEmpty()) {
            return 0;
        }
        session.getContext().setRealm(realm);
        PimStore store = PimStore.of(session);
        PimNotifier notifier = PimNotifier.of(session, NotificationFailureAudit.INSTANCE);
        PimSettings settings = new SettingsService(realm).current();
        int sent = 0;
        if (settings.elevationEndingReminderMinutes() > 0) {
            long until = now.plus(Duration.ofMinutes(settings.elevationEndingReminderMinutes())).toEpochMilli();
            for (RequestEntity request : store.requests().endingUnreminded(realmId, now.toEpochMilli(), until, BATCH)) {
                if (store.requests().claimReminder(request, now.toEpochMilli())) {
                    notifier.notify(Notification.of(NotificationType.ELEVATION_ENDING, request, null, null, List.of(request.getUserId())));
                    sent++;
                }
            }
        }
        sent += remindEligibilities(session, realm, store, notifier, true, now.plus(ONE_DAY), now);
        sent += remindEligibilities(session, realm, store, notifier, false, now.plus(FOURTEEN_DAYS), now);
        if (sent > 0) {
            LOG.debugf("PIM reminders in realm %s: %d queued", realm.getName(), sent);
        }
        return sent;
    }

    /** Without an SMTP server no email can go: nothing is claimed, so reminders still due when one is set are sent then. */
    private static boolean hasSmtpServer(RealmModel realm) {
        Map<String, String> smtp = realm.getSmtpConfig();
        return smtp != null && smtp.get("host") != null && !smtp.get("host").isBlank();
    }

    private static int remindEligibilities(KeycloakSession session, RealmModel realm, PimStore store, PimNotifier notifier, boolean lastDay,
                                           Instant until, Instant now) {
        int sent = 0;
        for (EligibilityEntity e : store.eligibilities().endingUnreminded(realm.getId(), lastDay, now.toEpochMilli(), until.toEpochMilli(), BATCH)) {
            UserModel user = session.users().getUserById(realm, e.getPrincipalId());
            RoleModel role = Roles.find(session, realm, e.getRoleId());
            if (user == null || role == null || !store.eligibilities().claimReminder(e, lastDay, now.toEpochMilli())) {
                continue;
            }
            notifier.notify(Notification.eligibilityEnding(realm.getId(), e.getId(), user.getId(), user.getUsername(), role.getId(), role.getName(),
                    Roles.clientId(role), e.getEndsAt()));
            sent++;
        }
        return sent;
    }
}
