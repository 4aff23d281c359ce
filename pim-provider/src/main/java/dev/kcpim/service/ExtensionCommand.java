package dev.kcpim.service;

/** A user's extension of their ACTIVE elevation: the new duration from now, justification, ticket and OTP code. */
public record ExtensionCommand(Long durationSeconds, String justification, String ticket, String otp) {
}
