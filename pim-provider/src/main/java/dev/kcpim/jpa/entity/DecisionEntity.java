package dev.kcpim.jpa.entity;

import dev.kcpim.domain.Decision;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

@Entity(name = "PimDecision")
@Table(name = "PIM_DECISION")
@NamedQueries({
        @NamedQuery(name = "PimDecision.byRequests", query = "select d from PimDecision d where d.realmId = :realmId"
                + " and d.requestId in :requestIds order by d.decidedAt"),
        @NamedQuery(name = "PimDecision.deleteByRealm", query = "delete from PimDecision d where d.realmId = :realmId")
})
public class DecisionEntity {

    @Id
    @Column(name = "ID", length = 36, nullable = false)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "REQUEST_ID", length = 36, nullable = false)
    private String requestId;

    @Column(name = "APPROVER_ID", length = 36, nullable = false)
    private String approverId;

    @Column(name = "APPROVER_USERNAME", length = 255, nullable = false)
    private String approverUsername;

    @Enumerated(EnumType.STRING)
    @Column(name = "DECISION", length = 16, nullable = false)
    private Decision decision;

    @Column(name = "REASON", length = 1000, nullable = false)
    private String reason;

    @Column(name = "DECIDED_AT", nullable = false)
    private long decidedAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getRequestId() { return requestId; }
    public void setRequestId(String requestId) { this.requestId = requestId; }
    public String getApproverId() { return approverId; }
    public void setApproverId(String approverId) { this.approverId = approverId; }
    public String getApproverUsername() { return approverUsername; }
    public void setApproverUsername(String approverUsername) { this.approverUsername = approverUsername; }
    public Decision getDecision() { return decision; }
    public void setDecision(Decision decision) { this.decision = decision; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public long getDecidedAt() { return decidedAt; }
    public void setDecidedAt(long decidedAt) { this.decidedAt = decidedAt; }
}
