package dev.kcpim.domain;

public enum RequestKind {
    ACTIVATION, ASSIGNMENT;

    public static RequestKind parse(String value) {
        return Enums.parse(RequestKind.class, value, "kind");
    }
}
