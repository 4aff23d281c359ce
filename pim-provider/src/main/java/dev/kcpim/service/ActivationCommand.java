package dev.kcpim.service;

/** A user's activation request: the role (by id, or name and clientId), duration, justification, ticket, OTP code and an optional later start. */
public record ActivationCommand(String roleId, String roleName, String clientId, Long durationSeconds,
                                String justification, String ticket, String otp, Long startsAt) {
}
