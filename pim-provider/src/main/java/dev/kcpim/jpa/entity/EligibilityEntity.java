package dev.kcpim.jpa.entity;

import jakarta.persistence.Column;
import dev.kcpim.domain.PrincipalType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

@Entity(name = "PimEligibility")
@Table(name = "PIM_ELIGIBILITY")
@NamedQueries({
        @NamedQuery(name = "PimEligibility.endingUnreminded14d", query = "select e from PimEligibility e where e.realmId = :realmId"
                + " and e.principalType = dev.kcpim.domain.PrincipalType.USER and e.endsAt > :now and e.endsAt <= :until"
                + " and e.reminded14dAt is null order by e.endsAt"),
        @NamedQuery(name = "PimEligibility.endingUnreminded1d", query = "select e from PimEligibility e where e.realmId = :realmId"
                + " and e.principalType = dev.kcpim.domain.PrincipalType.USER and e.endsAt > :now and e.endsAt <= :until"
                + " and e.reminded1dAt is null order by e.endsAt"),
        @NamedQuery(name = "PimEligibility.claimReminder14d", query = "update PimEligibility e set e.reminded14dAt = :now"
                + " where e.id = :id and e.reminded14dAt is null and e.endsAt = :endsAt"),
        @NamedQuery(name = "PimEligibility.claimReminder1d", query = "update PimEligibility e set e.reminded1dAt = :now, e.reminded14dAt ="
                + " coalesce(e.reminded14dAt, :now) where e.id = :id and e.reminded1dAt is null and e.endsAt = :endsAt"),
        @NamedQuery(name = "PimEligibility.byId", query = "select e from PimEligibility e where e.realmId = :realmId and e.id = :id"),
        @NamedQuery(name = "PimEligibility.byPrincipals", query = "select e from PimEligibility e where e.realmId = :realmId"
                + " and ((e.principalType = dev.kcpim.domain.PrincipalType.USER and e.principalId = :userId)"
                + " or (e.principalType = dev.kcpim.domain.PrincipalType.GROUP and e.principalId in :groupIds))"),
        @NamedQuery(name = "PimEligibility.byPrincipal", query = "select e from PimEligibility e where e.realmId = :realmId"
                + " and e.principalType = :principalType and e.principalId = :principalId"),
        @NamedQuery(name = "PimEligibility.roleIdsOfRealm", query = "select distinct e.roleId from PimEligibility e where e.realmId = :realmId"),
        @NamedQuery(name = "PimEligibility.deleteByPrincipal", query = "delete from PimEligibility e where e.realmId = :realmId"
                + " and e.principalType = :principalType and e.principalId = :principalId"),
        @NamedQuery(name = "PimEligibility.deleteByRole", query = "delete from PimEligibility e where e.realmId = :realmId and e.roleId = :roleId"),
        @NamedQuery(name = "PimEligibility.deleteByRealm", query = "delete from PimEligibility e where e.realmId = :realmId"),
        @NamedQuery(name = "PimEligibility.releaseEndedKey", query = "update PimEligibility e set e.currentKey = null"
                + " where e.currentKey = :currentKey and e.endsAt is not null and e.endsAt <= :now"),
        @NamedQuery(name = "PimEligibility.withoutKey", query = "select e from PimEligibility e where e.currentKey is null"
                + " and (e.endsAt is null or e.endsAt > :now) order by e.createdAt, e.id"),
        @NamedQuery(name = "PimEligibility.byCurrentKey", query = "select e from PimEligibility e where e.currentKey = :currentKey"),
        @NamedQuery(name = "PimEligibility.endedWithKey", query = "select e from PimEligibility e where e.currentKey is not null"
                + " and e.endsAt is not null and e.endsAt <= :now")
})
public class EligibilityEntity {

    @Id
    @Column(name = "ID", length = 36, nullable = false)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Enumerated(EnumType.STRING)
    @Column(name = "PRINCIPAL_TYPE", length = 16, nullable = false)
    private PrincipalType principalType;

    @Column(name = "PRINCIPAL_ID", length = 36, nullable = false)
    private String principalId;

    @Column(name = "ROLE_ID", length = 36, nullable = false)
    private String roleId;

    @Column(name = "STARTS_AT", nullable = false)
    private long startsAt;

    @Column(name = "ENDS_AT")
    private Long endsAt;

    @Column(name = "CREATED_BY", length = 36)
    private String createdBy;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "JUSTIFICATION", length = 1000)
    private String justification;

    /**
     * {@code type:principalId:roleId} while the eligibility has not ended (current or future), null
     * once it has; its unique constraint is the database's guarantee of one current eligibility per
     * principal and role.
     */
    @Column(name = "CURRENT_KEY", length = 100)
    private String currentKey;

    /** When the user was reminded that this eligibility ends within 14 days, and within a day; cleared when its end changes. */
    @Column(name = "REMINDED_14D_AT")
    private Long reminded14dAt;

    @Column(name = "REMINDED_1D_AT")
    private Long reminded1dAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public PrincipalType getPrincipalType() { return principalType; }
    public void setPrincipalType(PrincipalType principalType) { this.principalType = principalType; }
    public String getPrincipalId() { return principalId; }
    public void setPrincipalId(String principalId) { this.principalId = principalId; }
    public String getRoleId() { return roleId; }
    public void setRoleId(String roleId) { this.roleId = roleId; }
    public long getStartsAt() { return startsAt; }
    public void setStartsAt(long startsAt) { this.startsAt = startsAt; }
    public Long getEndsAt() { return endsAt; }
    public void setEndsAt(Long endsAt) { this.endsAt = endsAt; }
    public String getCreatedBy() { return createdBy; }
    public void setCreatedBy(String createdBy) { this.createdBy = createdBy; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public String getJustification() { return justification; }
    public void setJustification(String justification) { this.justification = justification; }
    public Long getReminded14dAt() { return reminded14dAt; }
    public Long getReminded1dAt() { return reminded1dAt; }
    /** The end changed: the reminders start over. */
    public void clearReminders() { reminded14dAt = null; reminded1dAt = null; }
    public String getCurrentKey() { return currentKey; }
    public void setCurrentKey(String currentKey) { this.currentKey = currentKey; }

    public static String currentKey(PrincipalType type, String principalId, String roleId) {
        return type.name() + ":" + principalId + ":" + roleId;
    }
}
