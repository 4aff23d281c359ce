package dev.kcpim.rest.representation;

public record ActivationInput(String roleId, String roleName, String clientId, Long durationSeconds,
                              String justification, String ticket, String otp, Long startsAt) {
}
