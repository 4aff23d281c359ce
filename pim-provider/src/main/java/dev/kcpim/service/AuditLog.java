package dev.kcpim.service;

import dev.kcpim.domain.AuditAction;
import dev.kcpim.jpa.ColumnCodecs;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.AuditEntity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The one place PIM state changes are audited: a PIM_AUDIT row in the same transaction as the
 * change, and the matching Keycloak event. Rejections are written in a transaction of their own,
 * because the rejected request's transaction rolls back.
 */
public final class AuditLog {
    private static final int MAX_DETAILS_LENGTH = 4000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Actor actor;
    private final EventChannel events;

    public AuditLog(KeycloakSession session, RealmModel realm, Actor actor, EventChannel events) {
        this.session = session;
        this.realm = realm;
        this.actor = actor;
        this.events = events;
    }

    public Actor actor() {
        return actor;
    }

    public RealmModel realm() {
        return realm;
    }

    /** The realm's audit, newest first, optionally for one user, one action and a time range (epoch ms, inclusive). */
    public static List<AuditEntity> search(KeycloakSession session, RealmModel realm, String userId, AuditAction action,
                                           Long from, Long to, int first, int max) {
        return PimStore.of(session).searchAudit(realm.getId(), userId, action, from, to, first, max);
    }

    public void record(Entry entry) {
        PimStore.of(session).persist(toEntity(entry));
        events.changed(entry.action, entry.userId, entry.resourcePath(), entry.details);
    }

    public void recordRejection(Entry entry, String error) {
        AuditEntity row = toEntity(entry);
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), isolated -> PimStore.of(isolated).persist(row));
        events.rejected(entry.action, entry.userId, error, entry.details);
    }

    private AuditEntity toEntity(Entry entry) {
        AuditEntity row = new AuditEntity();
        row.setRealmId(realm.getId());
        row.setAt(Time.currentTimeMillis());
        row.setActorId(actor.id());
        row.setActorUsername(actor.username());
        row.setAction(entry.action);
        row.setUserId(entry.userId);
        row.setRoleId(entry.roleId);
        row.setRequestId(entry.requestId);
        row.setDetails(ColumnCodecs.writeDetails(entry.details, MAX_DETAILS_LENGTH));
        return row;
    }

    public static Entry entry(AuditAction action) {
        return new Entry(action);
    }

    /** What one audit entry says; built fluently. */
    public static final class Entry {
        private final AuditAction action;
        private String userId;
        private String roleId;
        private String requestId;
        private String eligibilityId;
        private final Map<String, Object> details = new LinkedHashMap<>();

        private Entry(AuditAction action) {
            this.action = action;
        }

        public Entry user(String userId) {
            this.userId = userId;
            return this;
        }

        public Entry role(String roleId) {
            this.roleId = roleId;
            return this;
        }

        public Entry request(String requestId) {
            this.requestId = requestId;
            return this;
        }

        public Entry eligibility(String eligibilityId) {
            this.eligibilityId = eligibilityId;
            return detail("eligibilityId", eligibilityId);
        }

        public Entry detail(String key, Object value) {
            if (value != null) {
                details.put(key, value);
            }
            return this;
        }

        String resourcePath() {
            if (requestId != null) {
                return "pim/requests/" + requestId;
            }
            if (eligibilityId != null) {
                return "pim/eligibilities/" + eligibilityId;
            }
            if (roleId != null) {
                return "pim/policies/" + roleId;
            }
            return action == AuditAction.SETTINGS_UPDATED ? "pim/settings" : "pim";
        }
    }
}
