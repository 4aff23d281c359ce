package dev.kcpim.rest.representation;

public record AssignmentInput(String userId, String username, String roleId, String roleName, String clientId,
                              Long startsAt, Long endsAt, String justification) {
}
