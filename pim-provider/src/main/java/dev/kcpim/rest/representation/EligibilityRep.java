package dev.kcpim.rest.representation;

public record EligibilityRep(String id, PrincipalRep principal, RoleRep role, Long startsAt, Long endsAt,
                             String createdBy, Long createdAt, String justification, String state) {
}
