package dev.kcpim.domain;

public enum RequestKind {
    ACTIVATION, ASSIGNMENT,
    /** A user's request to move the end of their ACTIVE elevation ({@code extends}) later, waiting for approval. */
    EXTENSION;

    public static RequestKind parse(String value) {
        return Enums.parse(RequestKind.class, value, "kind");
    }
}
