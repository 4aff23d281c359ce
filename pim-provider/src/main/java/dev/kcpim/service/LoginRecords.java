package dev.kcpim.service;

import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.LastLoginEntity;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The last sign-in of each user, for the STALE_ACCOUNT alert: recorded on Keycloak's LOGIN event in realms
 * where PIM manages roles, at most once per {@value #RESOLUTION_MILLIS} ms per user, in a transaction of its
 * own so that a failure (two first sign-ins racing on the primary key) never fails the login.
 */
public final class LoginRecords {
    private static final Logger LOG = Logger.getLogger(LoginRecords.class);
    /** Realm attribute: since when PIM records sign-ins in the realm (epoch ms). */
    static final String RECORDING_SINCE = "pim.loginsRecordedSince";
    static final long RESOLUTION_MILLIS = 3_600_000L;

    private LoginRecords() {
    }

    public static void loggedIn(KeycloakSession session, RealmModel realm, String userId, long now) {
        if (ManagedRoles.of(session, realm).isEmpty()) {
            return;
        }
        LastLoginEntity last = PimStore.of(session).alerts().lastLogin(realm.getId(), userId);
        if (last != null && now - last.getLoggedInAt() < RESOLUTION_MILLIS && realm.getAttribute(RECORDING_SINCE) != null) {
            return;
        }
        String realmId = realm.getId();
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                RealmModel current = s.realms().getRealm(realmId);
                if (current == null) {
                    return;
                }
                if (current.getAttribute(RECORDING_SINCE) == null) {
                    current.setAttribute(RECORDING_SINCE, String.valueOf(now));
                }
                LastLoginEntity entity = PimStore.of(s).alerts().lastLogin(realmId, userId);
                if (entity == null) {
                    PimStore.of(s).persist(new LastLoginEntity(realmId, userId, now));
                } else if (entity.getLoggedInAt() < now) {
                    entity.setLoggedInAt(now);
                }
            });
        } catch (RuntimeException e) {
            LOG.debugf(e, "PIM: the sign-in of user %s in realm %s was not recorded", userId, realmId);
        }
    }

    /** Since when sign-ins are recorded in the realm; starts now (and is kept) if they were not yet. */
    public static Instant recordingSince(RealmModel realm, Instant now) {
        String value = realm.getAttribute(RECORDING_SINCE);
        if (value != null) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(value));
            } catch (NumberFormatException unusable) {
                LOG.warnf("PIM: realm %s has an unusable %s (%s); recording starts again now", realm.getName(), RECORDING_SINCE, value);
            }
        }
        realm.setAttribute(RECORDING_SINCE, String.valueOf(now.toEpochMilli()));
        return now;
    }
}
