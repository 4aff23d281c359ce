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
 * A role PIM manages in a realm (a policy, an eligibility or an assignment named it). The primary
 * key (REALM_ID, ROLE_ID) makes "add if absent" safe under concurrency. The token guard reads the
 * set from Keycloak's realm cache (the realm attribute PIM derives from this table), never from here
 * unless that copy is missing.
 */
@Entity(name = "PimManagedRole")
@Table(name = "PIM_MANAGED_ROLE")
@IdClass(ManagedRoleEntity.Key.class)
@NamedQueries({
        @NamedQuery(name = "PimManagedRole.idsOfRealm", query = "select m.roleId from PimManagedRole m where m.realmId = :realmId order by m.roleId"),
        @NamedQuery(name = "PimManagedRole.delete", query = "delete from PimManagedRole m where m.realmId = :realmId and m.roleId = :roleId"),
        @NamedQuery(name = "PimManagedRole.deleteByRealm", query = "delete from PimManagedRole m where m.realmId = :realmId")
})
public class ManagedRoleEntity {

    @Id
    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Id
    @Column(name = "ROLE_ID", length = 36, nullable = false)
    private String roleId;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    public ManagedRoleEntity() {
    }

    public ManagedRoleEntity(String realmId, String roleId, long createdAt) {
        this.realmId = realmId;
        this.roleId = roleId;
        this.createdAt = createdAt;
    }

    public String getRealmId() { return realmId; }
    public String getRoleId() { return roleId; }
    public long getCreatedAt() { return createdAt; }

    public static class Key implements Serializable {
        private String realmId;
        private String roleId;

        public Key() {
        }

        public Key(String realmId, String roleId) {
            this.realmId = realmId;
            this.roleId = roleId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(realmId, k.realmId) && Objects.equals(roleId, k.roleId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(realmId, roleId);
        }
    }
}
