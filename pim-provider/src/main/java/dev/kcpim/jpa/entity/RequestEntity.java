package dev.kcpim.jpa.entity;

import dev.kcpim.domain.RequestKind;
import dev.kcpim.domain.RequestStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * An activation request or admin assignment and, once granted, the elevation it became.
 * {@code OPEN_KEY} is {@code userId:roleId} while the request is open and null afterwards; its
 * unique constraint is the database's guarantee of "at most one open request per user and role".
 */
@Entity(name = "PimRequest")
@Table(name = "PIM_REQUEST")
@NamedQueries({
        @NamedQuery(name = "PimRequest.byId", query = "select r from PimRequest r where r.realmId = :realmId and r.id = :id"),
        @NamedQuery(name = "PimRequest.openByUserAndRole", query = "select r from PimRequest r where r.openKey = :openKey"),
        @NamedQuery(name = "PimRequest.byStatus", query = "select r from PimRequest r where r.realmId = :realmId"
                + " and r.status = :status order by r.requestedAt"),
        @NamedQuery(name = "PimRequest.dueToEnd", query = "select r from PimRequest r where r.status = dev.kcpim.domain.RequestStatus.ACTIVE"
                + " and r.endsAt <= :now order by r.endsAt"),
        @NamedQuery(name = "PimRequest.dueToEndIds", query = "select r.id from PimRequest r where r.status = dev.kcpim.domain.RequestStatus.ACTIVE"
                + " and r.endsAt <= :now order by r.endsAt"),
        @NamedQuery(name = "PimRequest.nextEnd", query = "select min(r.endsAt) from PimRequest r where r.status = dev.kcpim.domain.RequestStatus.ACTIVE"
                + " and r.endsAt > :after"),
        @NamedQuery(name = "PimRequest.nextStart", query = "select min(r.startsAt) from PimRequest r where r.status = dev.kcpim.domain.RequestStatus.SCHEDULED"
                + " and r.startsAt > :after"),
        @NamedQuery(name = "PimRequest.dueToStart", query = "select r from PimRequest r where r.status = dev.kcpim.domain.RequestStatus.SCHEDULED"
                + " and r.startsAt <= :now order by r.startsAt"),
        @NamedQuery(name = "PimRequest.pendingBefore", query = "select r from PimRequest r where r.status = dev.kcpim.domain.RequestStatus.PENDING_APPROVAL"
                + " and r.approvalDeadline <= :now order by r.approvalDeadline"),
        @NamedQuery(name = "PimRequest.claim", query = "update PimRequest r set r.status = :to, r.openKey = :openKey, r.endedAt = :endedAt,"
                + " r.endReason = :endReason, r.mappingAdded = :mappingAdded, r.version = r.version + 1 where r.id = :id and r.status = :from"),
        @NamedQuery(name = "PimRequest.claimMany", query = "update PimRequest r set r.status = :to, r.openKey = :openKey, r.endedAt = :endedAt,"
                + " r.endReason = :endReason, r.mappingAdded = :mappingAdded, r.version = r.version + 1 where r.id in :ids"),
        @NamedQuery(name = "PimRequest.byIdsInOrder", query = "select r from PimRequest r where r.id in :ids order by r.id"),
        @NamedQuery(name = "PimRequest.claimApproval", query = "update PimRequest r set r.status = :to, r.startsAt = :startsAt,"
                + " r.endsAt = :endsAt, r.durationSeconds = :durationSeconds, r.mappingAdded = :mappingAdded, r.version = r.version + 1"
                + " where r.id = :id and r.status = dev.kcpim.domain.RequestStatus.PENDING_APPROVAL"),
        @NamedQuery(name = "PimRequest.tokenGuardOfUser", query = "select r from PimRequest r where r.realmId = :realmId and r.userId = :userId"
                + " and (r.status = dev.kcpim.domain.RequestStatus.ACTIVE or (r.endedAt >= :endedSince and r.startsAt <= r.endedAt"
                + " and r.status in (dev.kcpim.domain.RequestStatus.EXPIRED, dev.kcpim.domain.RequestStatus.DEACTIVATED,"
                + " dev.kcpim.domain.RequestStatus.REVOKED)))"),
        @NamedQuery(name = "PimRequest.openByRole", query = "select r from PimRequest r where r.realmId = :realmId and r.roleId = :roleId and r.openKey is not null"),
        @NamedQuery(name = "PimRequest.openByUser", query = "select r from PimRequest r where r.realmId = :realmId and r.userId = :userId and r.openKey is not null"),
        @NamedQuery(name = "PimRequest.openByEligibility", query = "select r from PimRequest r where r.realmId = :realmId and r.eligibilityId = :eligibilityId and r.openKey is not null"),
        @NamedQuery(name = "PimRequest.openAfter", query = "select r from PimRequest r where r.openKey is not null and r.id > :afterId order by r.id"),
        @NamedQuery(name = "PimRequest.cutEnd", query = "update PimRequest r set r.endsAt = :endsAt, r.version = r.version + 1"
                + " where r.id = :id and r.status = :status and r.endsAt > :endsAt"),
        @NamedQuery(name = "PimRequest.extendEnd", query = "update PimRequest r set r.endsAt = :endsAt, r.durationSeconds = :durationSeconds,"
                + " r.extensions = r.extensions + 1, r.remindedAt = null, r.version = r.version + 1"
                + " where r.id = :id and r.status = dev.kcpim.domain.RequestStatus.ACTIVE and r.endsAt = :previousEndsAt"),
        @NamedQuery(name = "PimRequest.rebase", query = "update PimRequest r set r.eligibilityId = :eligibilityId, r.version = r.version + 1"
                + " where r.id = :id and r.status = :status"),
        @NamedQuery(name = "PimRequest.replanPending", query = "update PimRequest r set r.endsAt = :endsAt, r.version = r.version + 1"
                + " where r.id = :id and r.status = dev.kcpim.domain.RequestStatus.PENDING_APPROVAL"),
        @NamedQuery(name = "PimRequest.endingUnreminded", query = "select r from PimRequest r where r.status = dev.kcpim.domain.RequestStatus.ACTIVE"
                + " and r.endsAt > :now and r.endsAt <= :until and r.realmId = :realmId and r.remindedAt is null order by r.endsAt"),
        @NamedQuery(name = "PimRequest.claimReminder", query = "update PimRequest r set r.remindedAt = :now where r.id = :id and r.remindedAt is null"
                + " and r.status = dev.kcpim.domain.RequestStatus.ACTIVE"),
        @NamedQuery(name = "PimRequest.deleteByRealm", query = "delete from PimRequest r where r.realmId = :realmId")
})
public class RequestEntity {

    @Id
    @Column(name = "ID", length = 36, nullable = false)
    private String id;

    @Version
    @Column(name = "VERSION", nullable = false)
    private int version;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "USERNAME", length = 255, nullable = false)
    private String username;

    @Column(name = "ROLE_ID", length = 36, nullable = false)
    private String roleId;

    @Column(name = "ROLE_NAME", length = 255, nullable = false)
    private String roleName;

    @Column(name = "ROLE_CLIENT_ID", length = 255)
    private String roleClientId;

    @Column(name = "ELIGIBILITY_ID", length = 36)
    private String eligibilityId;

    @Enumerated(EnumType.STRING)
    @Column(name = "KIND", length = 16, nullable = false)
    private RequestKind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", length = 32, nullable = false)
    private RequestStatus status;

    @Column(name = "OPEN_KEY", length = 80, unique = true)
    private String openKey;

    /** Whether PIM added the role mapping (and so may remove it): never for a role already held directly. */
    @Column(name = "MAPPING_ADDED", nullable = false)
    private boolean mappingAdded;

    @Column(name = "REQUESTED_AT", nullable = false)
    private long requestedAt;

    @Column(name = "REQUESTED_BY", length = 36)
    private String requestedBy;

    @Column(name = "STARTS_AT", nullable = false)
    private long startsAt;

    @Column(name = "ENDS_AT", nullable = false)
    private long endsAt;

    @Column(name = "DURATION_SECONDS", nullable = false)
    private long durationSeconds;

    @Column(name = "APPROVAL_DEADLINE")
    private Long approvalDeadline;

    @Column(name = "JUSTIFICATION", length = 1000)
    private String justification;

    @Column(name = "TICKET", length = 200)
    private String ticket;

    @Column(name = "ENDED_AT")
    private Long endedAt;

    @Column(name = "END_REASON", length = 1000)
    private String endReason;

    /** How often the end of this elevation was moved later (extended); each extension starts a new generation of its token slots. */
    @Column(name = "EXTENSIONS", nullable = false)
    private int extensions;

    /** For an EXTENSION request: the ACTIVE request whose end it moves when approved. */
    @Column(name = "EXTENDS_ID", length = 36)
    private String extendsId;

    /** When the user was reminded that this ACTIVE elevation ends soon; cleared when its end moves. */
    @Column(name = "REMINDED_AT")
    private Long remindedAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public int getVersion() { return version; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getRoleId() { return roleId; }
    public void setRoleId(String roleId) { this.roleId = roleId; }
    public String getRoleName() { return roleName; }
    public void setRoleName(String roleName) { this.roleName = roleName; }
    public String getRoleClientId() { return roleClientId; }
    public void setRoleClientId(String roleClientId) { this.roleClientId = roleClientId; }
    public String getEligibilityId() { return eligibilityId; }
    public void setEligibilityId(String eligibilityId) { this.eligibilityId = eligibilityId; }
    public RequestKind getKind() { return kind; }
    public void setKind(RequestKind kind) { this.kind = kind; }
    public RequestStatus getStatus() { return status; }
    public void setStatus(RequestStatus status) { this.status = status; }
    public String getOpenKey() { return openKey; }
    public void setOpenKey(String openKey) { this.openKey = openKey; }
    public boolean isMappingAdded() { return mappingAdded; }
    public void setMappingAdded(boolean mappingAdded) { this.mappingAdded = mappingAdded; }
    public int getExtensions() { return extensions; }
    public void setExtensions(int extensions) { this.extensions = extensions; }
    public Long getRemindedAt() { return remindedAt; }
    public String getExtendsId() { return extendsId; }
    public void setExtendsId(String extendsId) { this.extendsId = extendsId; }
    public long getRequestedAt() { return requestedAt; }
    public void setRequestedAt(long requestedAt) { this.requestedAt = requestedAt; }
    public String getRequestedBy() { return requestedBy; }
    public void setRequestedBy(String requestedBy) { this.requestedBy = requestedBy; }
    public long getStartsAt() { return startsAt; }
    public void setStartsAt(long startsAt) { this.startsAt = startsAt; }
    public long getEndsAt() { return endsAt; }
    public void setEndsAt(long endsAt) { this.endsAt = endsAt; }
    public long getDurationSeconds() { return durationSeconds; }
    public void setDurationSeconds(long durationSeconds) { this.durationSeconds = durationSeconds; }
    public Long getApprovalDeadline() { return approvalDeadline; }
    public void setApprovalDeadline(Long approvalDeadline) { this.approvalDeadline = approvalDeadline; }
    public String getJustification() { return justification; }
    public void setJustification(String justification) { this.justification = justification; }
    public String getTicket() { return ticket; }
    public void setTicket(String ticket) { this.ticket = ticket; }
    public Long getEndedAt() { return endedAt; }
    public void setEndedAt(Long endedAt) { this.endedAt = endedAt; }
    public String getEndReason() { return endReason; }
    public void setEndReason(String endReason) { this.endReason = endReason; }
}
