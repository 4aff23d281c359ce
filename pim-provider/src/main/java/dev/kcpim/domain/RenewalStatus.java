package dev.kcpim.domain;

/** A renewal request of an eligibility: waiting for an admin, or decided. */
public enum RenewalStatus {
    PENDING, APPROVED, DENIED;

    public static RenewalStatus parse(String value) {
        return Enums.parse(RenewalStatus.class, value, "status");
    }
}
