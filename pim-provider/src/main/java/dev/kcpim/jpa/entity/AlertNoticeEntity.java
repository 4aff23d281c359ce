package dev.kcpim.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * An alert item the realm's admins were emailed about (type, user, role), so that each one is emailed once
 * while it lasts; the row goes when the item does, and a later recurrence is news again.
 */
@Entity(name = "PimAlertNotice")
@Table(name = "PIM_ALERT_NOTICE")
@IdClass(AlertNoticeEntity.Key.class)
@NamedQueries({
        @NamedQuery(name = "PimAlertNotice.ofType", query = "select n from PimAlertNotice n where n.realmId = :realmId and n.alertType = :alertType"),
        @NamedQuery(name = "PimAlertNotice.deleteByRealm", query = "delete from PimAlertNotice n where n.realmId = :realmId")
})
public class AlertNoticeEntity {

    @Id
    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Id
    @Column(name = "ALERT_TYPE", length = 40, nullable = false)
    private String alertType;

    @Id
    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Id
    @Column(name = "ROLE_ID", length = 36, nullable = false)
    private String roleId;

    @Column(name = "NOTIFIED_AT", nullable = false)
    private long notifiedAt;

    public AlertNoticeEntity() {
    }

    public AlertNoticeEntity(String realmId, String alertType, String userId, String roleId, long notifiedAt) {
        this.realmId = realmId;
        this.alertType = alertType;
        this.userId = userId;
        this.roleId = roleId;
        this.notifiedAt = notifiedAt;
    }

    public String getRealmId() { return realmId; }
    public String getAlertType() { return alertType; }
    public String getUserId() { return userId; }
    public String getRoleId() { return roleId; }
    public long getNotifiedAt() { return notifiedAt; }

    public static class Key implements Serializable {
        private String realmId;
        private String alertType;
        private String userId;
        private String roleId;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(realmId, k.realmId) && Objects.equals(alertType, k.alertType)
                    && Objects.equals(userId, k.userId) && Objects.equals(roleId, k.roleId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(realmId, alertType, userId, roleId);
        }
    }
}
