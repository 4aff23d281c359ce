package dev.kcpim.domain;

public enum ApproverType {
    USER, GROUP, ROLE;

    public static ApproverType parse(String value) {
        return Enums.parse(ApproverType.class, value, "approverType");
    }
}
