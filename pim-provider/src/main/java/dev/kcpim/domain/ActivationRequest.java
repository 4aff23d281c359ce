package dev.kcpim.domain;

import java.time.Instant;

/** What a user asks for; every field may be null. */
public record ActivationRequest(Long durationSeconds, String justification, String ticket, Instant startsAt) {
}
