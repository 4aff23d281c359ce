package dev.kcpim.expiry;

import dev.kcpim.domain.AuditAction;
import dev.kcpim.domain.PimException;
import dev.kcpim.domain.Transition;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.RequestEntity;
import dev.kcpim.service.Actor;
import dev.kcpim.service.AuditLog;
import dev.kcpim.service.ElevationService;
import dev.kcpim.service.EventChannel;
import dev.kcpim.service.ManagedRoles;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Applies the transitions that time makes due: ACTIVE past {@code endsAt} → EXPIRED (mapping
 * removed), SCHEDULED past {@code startsAt} → ACTIVE (mapping granted), PENDING_APPROVAL past its
 * deadline → REQUEST_EXPIRED. Each row is claimed with a conditional update, so concurrent runs
 * (another node, the token-event listener, a user deactivating) never end one request twice.
 */
public final class ExpiryService {
    private static final Logger LOG = Logger.getLogger(ExpiryService.class);
    static final int BATCH_SIZE = 500;

    private ExpiryService() {
    }

    /** One pass over all realms, in transactions of at most {@link #BATCH_SIZE} rows; returns the rows changed. */
    public static int runDue(KeycloakSessionFactory factory, Instant now) {
        int changed = 0;
        for (String query : List.of("PimRequest.dueToStart", "PimRequest.dueToEnd", "PimRequest.pendingBefore")) {
            while (true) {
                int[] counts = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> processBatch(session, query, now));
                changed += counts[1];
                if (counts[0] < BATCH_SIZE || counts[1] == 0) {
                    break;
                }
            }
        }
        return changed;
    }

    /** Returns {rows seen, rows changed}. */
    private static int[] processBatch(KeycloakSession session, String query, Instant runStart) {
        List<RequestEntity> due = PimStore.of(session).due(query, runStart.toEpochMilli(), BATCH_SIZE);
        Instant now = Instant.ofEpochMilli(org.keycloak.common.util.Time.currentTimeMillis());
        int changed = 0;
        for (RequestEntity request : due) {
            RealmModel realm = session.realms().getRealm(request.getRealmId());
            if (realm == null) {
                continue;
            }
            session.getContext().setRealm(realm);
            if (apply(session, realm, request, now)) {
                changed++;
            }
        }
        if (changed > 0) {
            LOG.debugf("PIM expiry: %d of %d due rows changed (%s)", changed, due.size(), query);
        }
        return new int[]{due.size(), changed};
    }

    private static boolean apply(KeycloakSession session, RealmModel realm, RequestEntity request, Instant now) {
        ElevationService elevations = new ElevationService(session, realm);
        AuditLog audit = new AuditLog(session, realm, Actor.SYSTEM, EventChannel.NONE);
        try {
            switch (request.getStatus()) {
                case SCHEDULED -> {
                    boolean started = elevations.start(request, audit);
                    if (started && request.getEndsAt() <= now.toEpochMilli()) {
                        // The whole window passed while nothing ran (downtime): start and end in one transaction.
                        elevations.end(request, Transition.EXPIRE, "the activation window ended", AuditAction.EXPIRED, now, audit);
                    }
                    return started;
                }
                case ACTIVE -> elevations.end(request, Transition.EXPIRE, "the activation window ended", AuditAction.EXPIRED, now, audit);
                case PENDING_APPROVAL -> elevations.end(request, Transition.APPROVAL_TIMEOUT, "no approval decision before the timeout",
                        AuditAction.REQUEST_EXPIRED, now, audit);
                default -> {
                    return false;
                }
            }
            return true;
        } catch (PimException alreadyChanged) {
            return false;
        }
    }

    /**
     * Ends the user's elevations whose window has passed, in the caller's transaction. Used when the
     * user obtains tokens, so that an active user's mapping never outlives its window by more than
     * one request, even when the task is late.
     */
    public static int endOverdueOf(KeycloakSession session, RealmModel realm, UserModel user, Instant now) {
        int ended = 0;
        for (RequestEntity request : TokenGuard.elevationsOf(session, realm, user).ended()) {
            if (request.getStatus() == dev.kcpim.domain.RequestStatus.ACTIVE && request.getEndsAt() <= now.toEpochMilli()
                    && apply(session, realm, request, now)) {
                ended++;
            }
        }
        return ended;
    }

    static boolean holdsManagedRole(KeycloakSession session, RealmModel realm, UserModel user) {
        var managed = ManagedRoles.of(session, realm);
        return !managed.isEmpty() && user.getRoleMappingsStream().map(RoleModel::getId).anyMatch(managed::contains);
    }
}
