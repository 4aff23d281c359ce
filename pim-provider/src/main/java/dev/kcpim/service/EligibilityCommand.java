package dev.kcpim.service;

/** An admin's new eligibility: a USER (id or username) or GROUP (id or path) principal, the role, the window and a justification. */
public record EligibilityCommand(String principalType, String principalId, String username, String groupPath,
                                 String roleId, String roleName, String clientId,
                                 Long startsAt, Long endsAt, String justification) {
}
