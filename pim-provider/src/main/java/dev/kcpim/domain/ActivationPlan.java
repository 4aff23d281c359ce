package dev.kcpim.domain;

import java.time.Instant;

/** The window of an elevation; {@code scheduled} when it starts after the instant it was planned at. */
public record ActivationPlan(Instant startsAt, Instant endsAt, long durationSeconds, boolean scheduled) {

    public RequestStatus initialStatus() {
        return scheduled ? RequestStatus.SCHEDULED : RequestStatus.ACTIVE;
    }
}
