package dev.kcpim.rest.representation;

/** The STANDING_ACCESS remedy: the body ({@code userId, roleId, justification}, optional {@code endsAt}) and the answer. */
public final class RemedyRep {

    private RemedyRep() {
    }

    public record Input(String userId, String roleId, String justification, Long endsAt) {
    }

    /** The user's eligibility now, whether the remedy created it (false: one was already in force), and that the mapping went. */
    public record Result(EligibilityRep eligibility, boolean eligibilityCreated, boolean mappingRemoved) {
    }
}
