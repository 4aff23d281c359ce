package dev.kcpim.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestStatusTest {

    @ParameterizedTest
    @CsvSource({
            "PENDING_APPROVAL, true, false",
            "SCHEDULED, true, false",
            "ACTIVE, true, true",
            "EXPIRED, false, false",
            "DEACTIVATED, false, false",
            "REVOKED, false, false",
            "DENIED, false, false",
            "CANCELLED, false, false",
            "REQUEST_EXPIRED, false, false",
    })
    void openAndRoleHolding(RequestStatus status, boolean open, boolean holdsRole) {
        assertThat(status.isOpen()).isEqualTo(open);
        assertThat(status.holdsRole()).isEqualTo(holdsRole);
    }
}
