package dev.kcpim.rest.representation;

public record EligibilityInput(String principalType, String principalId, String username, String groupPath,
                               String roleId, String roleName, String clientId,
                               Long startsAt, Long endsAt, String justification) {
}
