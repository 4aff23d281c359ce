package dev.kcpim.rest.representation;

/** A role's effective policy; as a PUT body every field may be left out to keep its current value. */
public record PolicyRep(RoleRep role,
                        Integer maxActivationSeconds,
                        Boolean requireOtp,
                        Boolean requireJustification,
                        String justificationPattern,
                        Boolean requireTicket,
                        Boolean requireApproval,
                        ApproversRep approvers,
                        Integer minApprovals,
                        Integer approvalTimeoutSeconds,
                        Boolean allowPermanentEligibility,
                        Long maxEligibilitySeconds,
                        Boolean approverRequireOtp) {
}
