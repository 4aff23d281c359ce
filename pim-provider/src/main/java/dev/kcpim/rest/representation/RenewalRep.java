package dev.kcpim.rest.representation;

/**
 * A renewal request of an eligibility ({@code /me/eligibilities/{id}/renew}, {@code /renewals}): who asked for which
 * role and why, the eligibility's end when they asked, and the admin's decision ({@code endsAt}: the new end an
 * approval set; {@code resultEligibilityId}: the eligibility it extended or created).
 */
public record RenewalRep(String id, String eligibilityId, UserRef user, RoleRep role, String status, long requestedAt, String justification,
                         long eligibilityEndsAt, UserRef decidedBy, Long decidedAt, String reason, Long endsAt, String resultEligibilityId) {

    /** An admin's decision: APPROVE with the new {@code endsAt}, or DENY with a {@code reason}. */
    public record Decision(String decision, Long endsAt, String reason) {
    }

    /** The user's request: why the eligibility should go on. */
    public record Request(String justification) {
    }
}
