package dev.kcpim.service;

/** An admin's time-bound assignment: the user (id or username), the role, the window and a justification. */
public record AssignmentCommand(String userId, String username, String roleId, String roleName, String clientId,
                                Long startsAt, Long endsAt, String justification) {
}
