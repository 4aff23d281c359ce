package dev.kcpim.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One row per realm PIM has seen; locked to serialize rewriting the realm's copy of its managed roles. */
@Entity(name = "PimRealmState")
@Table(name = "PIM_REALM_STATE")
@NamedQueries({
        @NamedQuery(name = "PimRealmState.deleteByRealm", query = "delete from PimRealmState s where s.realmId = :realmId")
})
public class RealmStateEntity {

    @Id
    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

    public RealmStateEntity() {
    }

    public RealmStateEntity(String realmId, long updatedAt) {
        this.realmId = realmId;
        this.updatedAt = updatedAt;
    }

    public String getRealmId() { return realmId; }
    public long getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(long updatedAt) { this.updatedAt = updatedAt; }
}
