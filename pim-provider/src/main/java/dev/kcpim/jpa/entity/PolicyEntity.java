package dev.kcpim.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

@Entity(name = "PimPolicy")
@Table(name = "PIM_POLICY")
@NamedQueries({
        @NamedQuery(name = "PimPolicy.byRole", query = "select p from PimPolicy p where p.realmId = :realmId and p.roleId = :roleId"),
        @NamedQuery(name = "PimPolicy.byRealm", query = "select p from PimPolicy p where p.realmId = :realmId order by p.roleId"),
        @NamedQuery(name = "PimPolicy.deleteByRole", query = "delete from PimPolicy p where p.realmId = :realmId and p.roleId = :roleId"),
        @NamedQuery(name = "PimPolicy.deleteByRealm", query = "delete from PimPolicy p where p.realmId = :realmId")
})
public class PolicyEntity {

    @Id
    @Column(name = "ID", length = 36, nullable = false)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "ROLE_ID", length = 36, nullable = false)
    private String roleId;

    @Column(name = "MAX_ACTIVATION_SECONDS", nullable = false)
    private int maxActivationSeconds;

    @Column(name = "REQUIRE_OTP", nullable = false)
    private boolean requireOtp;

    @Column(name = "REQUIRE_JUSTIFICATION", nullable = false)
    private boolean requireJustification;

    @Column(name = "JUSTIFICATION_PATTERN", length = 500)
    private String justificationPattern;

    /** Since 0.2.0: what the pattern asks for, in words, for the activation dialog. */
    @Column(name = "JUSTIFICATION_HINT", length = 200)
    private String justificationHint;

    @Column(name = "REQUIRE_TICKET", nullable = false)
    private boolean requireTicket;

    @Column(name = "REQUIRE_APPROVAL", nullable = false)
    private boolean requireApproval;

    @Column(name = "MIN_APPROVALS", nullable = false)
    private int minApprovals;

    @Column(name = "APPROVAL_TIMEOUT_SECONDS", nullable = false)
    private int approvalTimeoutSeconds;

    @Column(name = "ALLOW_PERMANENT_ELIGIBILITY", nullable = false)
    private boolean allowPermanentEligibility;

    @Column(name = "MAX_ELIGIBILITY_SECONDS")
    private Long maxEligibilitySeconds;

    @Column(name = "APPROVER_REQUIRE_OTP", nullable = false)
    private boolean approverRequireOtp;

    @Column(name = "ALLOW_EXTENSION", nullable = false)
    private boolean allowExtension = true;

    /** Approvers as a compact JSON document {"users":[..],"groups":[..],"roles":[..]}. */
    @Column(name = "APPROVERS", length = 8000, nullable = false)
    private String approvers;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

    @Column(name = "UPDATED_BY", length = 36)
    private String updatedBy;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getRoleId() { return roleId; }
    public void setRoleId(String roleId) { this.roleId = roleId; }
    public int getMaxActivationSeconds() { return maxActivationSeconds; }
    public void setMaxActivationSeconds(int maxActivationSeconds) { this.maxActivationSeconds = maxActivationSeconds; }
    public boolean isRequireOtp() { return requireOtp; }
    public void setRequireOtp(boolean requireOtp) { this.requireOtp = requireOtp; }
    public boolean isRequireJustification() { return requireJustification; }
    public void setRequireJustification(boolean requireJustification) { this.requireJustification = requireJustification; }
    public String getJustificationPattern() { return justificationPattern; }
    public void setJustificationPattern(String justificationPattern) { this.justificationPattern = justificationPattern; }
    public String getJustificationHint() { return justificationHint; }
    public void setJustificationHint(String justificationHint) { this.justificationHint = justificationHint; }
    public boolean isRequireTicket() { return requireTicket; }
    public void setRequireTicket(boolean requireTicket) { this.requireTicket = requireTicket; }
    public boolean isRequireApproval() { return requireApproval; }
    public void setRequireApproval(boolean requireApproval) { this.requireApproval = requireApproval; }
    public int getMinApprovals() { return minApprovals; }
    public void setMinApprovals(int minApprovals) { this.minApprovals = minApprovals; }
    public int getApprovalTimeoutSeconds() { return approvalTimeoutSeconds; }
    public void setApprovalTimeoutSeconds(int approvalTimeoutSeconds) { this.approvalTimeoutSeconds = approvalTimeoutSeconds; }
    public boolean isAllowPermanentEligibility() { return allowPermanentEligibility; }
    public void setAllowPermanentEligibility(boolean allowPermanentEligibility) { this.allowPermanentEligibility = allowPermanentEligibility; }
    public Long getMaxEligibilitySeconds() { return maxEligibilitySeconds; }
    public void setMaxEligibilitySeconds(Long maxEligibilitySeconds) { this.maxEligibilitySeconds = maxEligibilitySeconds; }
    public boolean isApproverRequireOtp() { return approverRequireOtp; }
    public void setApproverRequireOtp(boolean approverRequireOtp) { this.approverRequireOtp = approverRequireOtp; }
    public boolean isAllowExtension() { return allowExtension; }
    public void setAllowExtension(boolean allowExtension) { this.allowExtension = allowExtension; }
    public String getApprovers() { return approvers; }
    public void setApprovers(String approvers) { this.approvers = approvers; }
    public long getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(long updatedAt) { this.updatedAt = updatedAt; }
    public String getUpdatedBy() { return updatedBy; }
    public void setUpdatedBy(String updatedBy) { this.updatedBy = updatedBy; }
}
