package dev.kcpim.domain;

public enum Decision {
    APPROVE, DENY;

    public static Decision parse(String value) {
        return Enums.parse(Decision.class, value, "decision");
    }
}
