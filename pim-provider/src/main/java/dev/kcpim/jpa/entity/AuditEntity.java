package dev.kcpim.jpa.entity;

import dev.kcpim.domain.AuditAction;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One PIM audit entry. Entries are only ever inserted; they outlive the users, roles and requests they name. */
@Entity(name = "PimAudit")
@Table(name = "PIM_AUDIT")
public class AuditEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "SEQ", nullable = false)
    private Long seq;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "CREATED_AT", nullable = false)
    private long at;

    @Column(name = "ACTOR_ID", length = 36)
    private String actorId;

    @Column(name = "ACTOR_USERNAME", length = 255)
    private String actorUsername;

    @Enumerated(EnumType.STRING)
    @Column(name = "ACTION", length = 64, nullable = false)
    private AuditAction action;

    @Column(name = "USER_ID", length = 36)
    private String userId;

    @Column(name = "ROLE_ID", length = 36)
    private String roleId;

    @Column(name = "REQUEST_ID", length = 36)
    private String requestId;

    @Column(name = "DETAILS", length = 4000)
    private String details;

    public Long getSeq() { return seq; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public long getAt() { return at; }
    public void setAt(long at) { this.at = at; }
    public String getActorId() { return actorId; }
    public void setActorId(String actorId) { this.actorId = actorId; }
    public String getActorUsername() { return actorUsername; }
    public void setActorUsername(String actorUsername) { this.actorUsername = actorUsername; }
    public AuditAction getAction() { return action; }
    public void setAction(AuditAction action) { this.action = action; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getRoleId() { return roleId; }
    public void setRoleId(String roleId) { this.roleId = roleId; }
    public String getRequestId() { return requestId; }
    public void setRequestId(String requestId) { this.requestId = requestId; }
    public String getDetails() { return details; }
    public void setDetails(String details) { this.details = details; }
}
