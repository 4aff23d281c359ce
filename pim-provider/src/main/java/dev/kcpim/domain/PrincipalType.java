package dev.kcpim.domain;

public enum PrincipalType {
    USER, GROUP;

    public static PrincipalType parse(String value) {
        return Enums.parse(PrincipalType.class, value, "principalType");
    }
}
