package dev.kcpim.rest.representation;

/** A role's effective policy; as a PUT body it replaces the policy, and a field left out takes the contract's default. */
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
                        Boolean approverRequireOtp,
                        String justificationHint,
                        Boolean allowExtension) {
}
