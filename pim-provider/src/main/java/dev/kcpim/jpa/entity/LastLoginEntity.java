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
 * When a user last signed in (Keycloak keeps no such time; its login events are optional and expire), for
 * the STALE_ACCOUNT alert. Written from the LOGIN event in realms where PIM manages roles, at most once an
 * hour per user.
 */
@Entity(name = "PimLastLogin")
@Table(name = "PIM_LAST_LOGIN")
@IdClass(LastLoginEntity.Key.class)
@NamedQueries({
        @NamedQuery(name = "PimLastLogin.ofUsers", query = "select l from PimLastLogin l where l.realmId = :realmId and l.userId in :userIds"),
        @NamedQuery(name = "PimLastLogin.deleteByUser", query = "delete from PimLastLogin l where l.realmId = :realmId and l.userId = :userId"),
        @NamedQuery(name = "PimLastLogin.deleteByRealm", query = "delete from PimLastLogin l where l.realmId = :realmId")
})
public class LastLoginEntity {

    @Id
    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Id
    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "LOGGED_IN_AT", nullable = false)
    private long loggedInAt;

    public LastLoginEntity() {
    }

    public LastLoginEntity(String realmId, String userId, long loggedInAt) {
        this.realmId = realmId;
        this.userId = userId;
        this.loggedInAt = loggedInAt;
    }

    public String getRealmId() { return realmId; }
    public String getUserId() { return userId; }
    public long getLoggedInAt() { return loggedInAt; }
    public void setLoggedInAt(long loggedInAt) { this.loggedInAt = loggedInAt; }

    public static class Key implements Serializable {
        private String realmId;
        private String userId;

        public Key() {
        }

        public Key(String realmId, String userId) {
            this.realmId = realmId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(realmId, k.realmId) && Objects.equals(userId, k.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(realmId, userId);
        }
    }
}
