package dev.kcpim.domain;

import java.util.Objects;

/** A rejected request: maps to {@code {"error": code, "error_description": description}}. */
public class PimException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;

    public PimException(ErrorCode errorCode, String description) {
        super(description);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public String description() {
        return getMessage();
    }
}
