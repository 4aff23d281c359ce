package dev.kcpim.domain;

/** Error codes of the HTTP contract: the status to answer with and the {@code error} field. */
public enum ErrorCode {
    INVALID_REQUEST(400, "invalid_request"),
    JUSTIFICATION_REQUIRED(400, "justification_required"),
    JUSTIFICATION_INVALID(400, "justification_invalid"),
    TICKET_REQUIRED(400, "ticket_required"),
    DURATION_INVALID(400, "duration_invalid"),
    OTP_REQUIRED(400, "otp_required"),
    INVALID_OTP(400, "invalid_otp"),
    OTP_NOT_CONFIGURED(403, "otp_not_configured"),
    LOCKED_OUT(403, "locked_out"),
    NOT_ELIGIBLE(403, "not_eligible"),
    ALREADY_ASSIGNED(409, "already_assigned"),
    FORBIDDEN(403, "forbidden"),
    SELF_APPROVAL(403, "self_approval"),
    NOT_FOUND(404, "not_found"),
    CONFLICT(409, "conflict");

    private final int status;
    private final String code;

    ErrorCode(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
