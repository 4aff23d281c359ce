package dev.kcpim.jpa.entity;

import dev.kcpim.domain.RenewalStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A user's request to renew one of their time-bound eligibilities, and an admin's decision. {@code OPEN_KEY} is the
 * eligibility's id while the renewal is PENDING and null afterwards; its unique constraint allows one pending
 * renewal per eligibility. The principal and role are copied so that a deleted eligibility can be re-created.
 */
@Entity(name = "PimRenewal")
@Table(name = "PIM_RENEWAL")
@NamedQueries({
        @NamedQuery(name = "PimRenewal.byId", query = "select r from PimRenewal r where r.realmId = :realmId and r.id = :id"),
        @NamedQuery(name = "PimRenewal.byRealm", query = "select r from PimRenewal r where r.realmId = :realmId order by r.requestedAt desc"),
        @NamedQuery(name = "PimRenewal.byRealmAndStatus", query = "select r from PimRenewal r where r.realmId = :realmId and r.status = :status"
                + " order by r.requestedAt desc"),
        @NamedQuery(name = "PimRenewal.byUser", query = "select r from PimRenewal r where r.realmId = :realmId and r.userId = :userId"
                + " order by r.requestedAt desc"),
        @NamedQuery(name = "PimRenewal.deleteByUser", query = "delete from PimRenewal r where r.realmId = :realmId and r.userId = :userId"),
        @NamedQuery(name = "PimRenewal.deleteByRealm", query = "delete from PimRenewal r where r.realmId = :realmId")
})
public class RenewalEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "ELIGIBILITY_ID", length = 36, nullable = false)
    private String eligibilityId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "USERNAME", nullable = false)
    private String username;

    @Column(name = "ROLE_ID", length = 36, nullable = false)
    private String roleId;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", length = 20, nullable = false)
    private RenewalStatus status;

    @Column(name = "OPEN_KEY", length = 36)
    private String openKey;

    @Column(name = "REQUESTED_AT", nullable = false)
    private long requestedAt;

    @Column(name = "JUSTIFICATION", length = 1000)
    private String justification;

    /** The eligibility's end when the renewal was asked for. */
    @Column(name = "ELIGIBILITY_ENDS_AT", nullable = false)
    private long eligibilityEndsAt;

    @Column(name = "DECIDED_BY", length = 36)
    private String decidedBy;

    @Column(name = "DECIDED_BY_USERNAME")
    private String decidedByUsername;

    @Column(name = "DECIDED_AT")
    private Long decidedAt;

    @Column(name = "REASON", length = 1000)
    private String reason;

    /** The end the approval set. */
    @Column(name = "NEW_ENDS_AT")
    private Long newEndsAt;

    /** The eligibility the approval extended or created. */
    @Column(name = "RESULT_ELIGIBILITY_ID", length = 36)
    private String resultEligibilityId;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getEligibilityId() { return eligibilityId; }
    public void setEligibilityId(String eligibilityId) { this.eligibilityId = eligibilityId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getRoleId() { return roleId; }
    public void setRoleId(String roleId) { this.roleId = roleId; }
    public RenewalStatus getStatus() { return status; }
    public void setStatus(RenewalStatus status) { this.status = status; }
    public String getOpenKey() { return openKey; }
    public void setOpenKey(String openKey) { this.openKey = openKey; }
    public long getRequestedAt() { return requestedAt; }
    public void setRequestedAt(long requestedAt) { this.requestedAt = requestedAt; }
    public String getJustification() { return justification; }
    public void setJustification(String justification) { this.justification = justification; }
    public long getEligibilityEndsAt() { return eligibilityEndsAt; }
    public void setEligibilityEndsAt(long eligibilityEndsAt) { this.eligibilityEndsAt = eligibilityEndsAt; }
    public String getDecidedBy() { return decidedBy; }
    public void setDecidedBy(String decidedBy) { this.decidedBy = decidedBy; }
    public String getDecidedByUsername() { return decidedByUsername; }
    public void setDecidedByUsername(String decidedByUsername) { this.decidedByUsername = decidedByUsername; }
    public Long getDecidedAt() { return decidedAt; }
    public void setDecidedAt(Long decidedAt) { this.decidedAt = decidedAt; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public Long getNewEndsAt() { return newEndsAt; }
    public void setNewEndsAt(Long newEndsAt) { this.newEndsAt = newEndsAt; }
    public String getResultEligibilityId() { return resultEligibilityId; }
    public void setResultEligibilityId(String resultEligibilityId) { this.resultEligibilityId = resultEligibilityId; }
}
