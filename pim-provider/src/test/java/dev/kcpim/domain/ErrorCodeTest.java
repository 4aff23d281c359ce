package dev.kcpim.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorCodeTest {

    @ParameterizedTest
    @CsvSource({
            "INVALID_REQUEST, 400, invalid_request",
            "JUSTIFICATION_REQUIRED, 400, justification_required",
            "JUSTIFICATION_INVALID, 400, justification_invalid",
            "TICKET_REQUIRED, 400, ticket_required",
            "DURATION_INVALID, 400, duration_invalid",
            "OTP_REQUIRED, 400, otp_required",
            "INVALID_OTP, 400, invalid_otp",
            "OTP_NOT_CONFIGURED, 403, otp_not_configured",
            "LOCKED_OUT, 403, locked_out",
            "NOT_ELIGIBLE, 403, not_eligible",
            "ALREADY_ASSIGNED, 409, already_assigned",
            "FORBIDDEN, 403, forbidden",
            "SELF_APPROVAL, 403, self_approval",
            "NOT_FOUND, 404, not_found",
            "CONFLICT, 409, conflict",
    })
    void statusAndWireCodeFollowTheContract(ErrorCode errorCode, int status, String code) {
        assertThat(errorCode.status()).isEqualTo(status);
        assertThat(errorCode.code()).isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource({"INVALID_REQUEST, bad input", "CONFLICT, already decided"})
    void exceptionCarriesCodeAndDescription(ErrorCode errorCode, String description) {
        PimException e = new PimException(errorCode, description);

        assertThat(e.errorCode()).isEqualTo(errorCode);
        assertThat(e.description()).isEqualTo(description);
        assertThat(e.getMessage()).isEqualTo(description);
    }
}
