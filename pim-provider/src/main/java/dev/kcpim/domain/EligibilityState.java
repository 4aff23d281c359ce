package dev.kcpim.domain;

public enum EligibilityState {
    ELIGIBLE, FUTURE, EXPIRED;

    public static EligibilityState parse(String value) {
        return Enums.parse(EligibilityState.class, value, "state");
    }
}
