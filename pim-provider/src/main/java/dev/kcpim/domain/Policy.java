package dev.kcpim.domain;

import java.util.Set;

/**
 * Activation policy of one role; every role has one ({@link #defaults(String)} when none is stored).
 * A blank {@code justificationPattern} or {@code justificationHint} is normalised to null and null approvers to
 * {@link Approvers#none()}. The hint tells users in words what the pattern asks for.
 */
public record Policy(String roleId,
                     int maxActivationSeconds,
                     boolean requireOtp,
                     boolean requireJustification,
                     String justificationPattern,
                     boolean requireTicket,
                     boolean requireApproval,
                     Approvers approvers,
                     int minApprovals,
                     int approvalTimeoutSeconds,
                     boolean allowPermanentEligibility,
                     Long maxEligibilitySeconds,
                     boolean approverRequireOtp,
                     String justificationHint,
                     boolean allowExtension) {

    public static final int MIN_ACTIVATION_SECONDS = 60;
    public static final int MAX_ACTIVATION_SECONDS = 2_592_000;
    public static final int MAX_JUSTIFICATION_LENGTH = 1000;
    public static final int MAX_TICKET_LENGTH = 200;
    public static final int MAX_PATTERN_LENGTH = 500;
    public static final int MAX_HINT_LENGTH = 200;
    public static final long MAX_SCHEDULE_AHEAD_SECONDS = 30L * 24 * 3600;

    public static final int DEFAULT_MAX_ACTIVATION_SECONDS = 28_800;
    public static final int DEFAULT_APPROVAL_TIMEOUT_SECONDS = 86_400;
    public static final int MIN_APPROVALS_LIMIT = 50;
    public static final int MIN_APPROVAL_TIMEOUT_SECONDS = 300;
    public static final int MAX_APPROVAL_TIMEOUT_SECONDS = 2_592_000;
    public static final long MIN_ELIGIBILITY_SECONDS = 60;
    public static final int MAX_APPROVERS = 100;
    public static final int MAX_APPROVER_ID_LENGTH = 255;

    public Policy {
        if (justificationPattern != null && justificationPattern.isBlank()) {
            justificationPattern = null;
        }
        if (approvers == null) {
            approvers = Approvers.none();
        }
        if (justificationHint != null && justificationHint.isBlank()) {
            justificationHint = null;
        }
    }

    public static Policy defaults(String roleId) {
        return new Policy(roleId, DEFAULT_MAX_ACTIVATION_SECONDS, true, true, null, false, false,
                Approvers.none(), 1, DEFAULT_APPROVAL_TIMEOUT_SECONDS, true, null, false, null, true);
    }

    /** Returns this policy, or throws INVALID_REQUEST naming the first offending field. */
    public Policy validate() {
        if (roleId == null || roleId.isBlank()) {
            throw invalid("roleId is required");
        }
        if (justificationHint != null && justificationHint.length() > MAX_HINT_LENGTH) {
            throw invalid("justificationHint must be at most " + MAX_HINT_LENGTH + " characters");
        }
        if (maxActivationSeconds < MIN_ACTIVATION_SECONDS || maxActivationSeconds > MAX_ACTIVATION_SECONDS) {
            throw invalid("maxActivationSeconds must be between " + MIN_ACTIVATION_SECONDS + " and "
                    + MAX_ACTIVATION_SECONDS);
        }
        if (minApprovals < 1 || minApprovals > MIN_APPROVALS_LIMIT) {
            throw invalid("minApprovals must be between 1 and " + MIN_APPROVALS_LIMIT);
        }
        if (approvalTimeoutSeconds < MIN_APPROVAL_TIMEOUT_SECONDS
                || approvalTimeoutSeconds > MAX_APPROVAL_TIMEOUT_SECONDS) {
            throw invalid("approvalTimeoutSeconds must be between " + MIN_APPROVAL_TIMEOUT_SECONDS + " and "
                    + MAX_APPROVAL_TIMEOUT_SECONDS);
        }
        if (justificationPattern != null) {
            if (justificationPattern.length() > MAX_PATTERN_LENGTH) {
                throw invalid("justificationPattern must be at most " + MAX_PATTERN_LENGTH + " characters");
            }
            JustificationPattern.compile(justificationPattern);
        }
        if (maxEligibilitySeconds != null && maxEligibilitySeconds < MIN_ELIGIBILITY_SECONDS) {
            throw invalid("maxEligibilitySeconds must be null or at least " + MIN_ELIGIBILITY_SECONDS);
        }
        checkApproverIds("approvers.users", approvers.users());
        checkApproverIds("approvers.groups", approvers.groups());
        checkApproverIds("approvers.roles", approvers.roles());
        if (approvers.size() > MAX_APPROVERS) {
            throw invalid("approvers may list at most " + MAX_APPROVERS + " users, groups and roles in total");
        }
        if (requireApproval && approvers.isEmpty()) {
            throw invalid("requireApproval needs at least one approver (user, group or role)");
        }
        if (requireApproval && approvers.groups().isEmpty() && approvers.roles().isEmpty()
                && minApprovals > approvers.users().size()) {
            throw invalid("minApprovals (" + minApprovals + ") exceeds the number of approver users ("
                    + approvers.users().size() + ")");
        }
        return this;
    }

    private static void checkApproverIds(String field, Set<String> ids) {
        for (String id : ids) {
            if (id == null || id.isBlank() || id.length() > MAX_APPROVER_ID_LENGTH) {
                throw invalid(field + " must contain non-blank ids of at most " + MAX_APPROVER_ID_LENGTH
                        + " characters");
            }
        }
    }

    private static PimException invalid(String description) {
        return new PimException(ErrorCode.INVALID_REQUEST, description);
    }
}
