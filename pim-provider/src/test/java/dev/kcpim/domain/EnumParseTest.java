package dev.kcpim.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnumParseTest {

    record Parser(String field, Enum<?>[] values, Function<String, Enum<?>> parse) {
        @Override
        public String toString() {
            return field;
        }
    }

    static List<Parser> parsers() {
        return List.of(
                new Parser("principalType", PrincipalType.values(), PrincipalType::parse),
                new Parser("status", RequestStatus.values(), RequestStatus::parse),
                new Parser("state", EligibilityState.values(), EligibilityState::parse),
                new Parser("decision", Decision.values(), Decision::parse),
                new Parser("action", AuditAction.values(), AuditAction::parse),
                new Parser("kind", RequestKind.values(), RequestKind::parse),
                new Parser("approverType", ApproverType.values(), ApproverType::parse),
                new Parser("type", AlertType.values(), AlertType::parse),
                new Parser("status", RenewalStatus.values(), RenewalStatus::parse));
    }

    static Stream<Arguments> everyConstant() {
        return parsers().stream().flatMap(p -> Arrays.stream(p.values()).map(v -> Arguments.of(p, v)));
    }

    @ParameterizedTest
    @MethodSource("everyConstant")
    void parsesEveryUpperCaseName(Parser parser, Enum<?> constant) {
        assertThat(parser.parse().apply(constant.name())).isSameAs(constant);
    }

    @ParameterizedTest
    @MethodSource("everyConstant")
    void rejectsOtherCasesAndSurroundingWhitespace(Parser parser, Enum<?> constant) {
        for (String variant : List.of(constant.name().toLowerCase(), " " + constant.name(), constant.name() + " ")) {
            assertThatThrownBy(() -> parser.parse().apply(variant))
                    .isInstanceOfSatisfying(PimException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
                        assertThat(e.description()).startsWith("unknown " + parser.field());
                    });
        }
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void rejectsNullNamingTheFieldAndListingTheValues(Parser parser) {
        assertThatThrownBy(() -> parser.parse().apply(null))
                .isInstanceOfSatisfying(PimException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.description()).startsWith(parser.field() + " is required");
                    for (Enum<?> value : parser.values()) {
                        assertThat(e.description()).contains(value.name());
                    }
                });
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void rejectsEmptyAndUnknownValues(Parser parser) {
        for (String value : List.of("", "NOPE")) {
            assertThatThrownBy(() -> parser.parse().apply(value))
                    .isInstanceOfSatisfying(PimException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST));
        }
    }

    @Test
    void auditActionsAreTheDocumentedOnes() {
        assertThat(Arrays.stream(AuditAction.values()).map(Enum::name)).containsExactly(
                "POLICY_UPDATED", "POLICY_DELETED", "ELIGIBILITY_CREATED", "ELIGIBILITY_DELETED",
                "ELIGIBILITY_UPDATED", "ELEVATION_SHORTENED", "BASIS_CHANGED",
                "ASSIGNMENT_CREATED", "ACTIVATION_REQUESTED", "ACTIVATION_REJECTED", "APPROVAL_DECIDED",
                "ACTIVATED", "SCHEDULED", "STARTED", "DENIED", "CANCELLED", "DEACTIVATED", "REVOKED", "EXPIRED",
                "REQUEST_EXPIRED", "OTP_FAILED", "MAPPING_REMOVED_OUTSIDE_PIM", "STANDING_ACCESS_GRANTED",
                "CLEANED_UP", "APPROVED", "DECISION_REJECTED", "NOTIFICATION_FAILED", "EXTENDED", "EXTENSION_REQUESTED", "EXTENSION_REJECTED",
                "SETTINGS_UPDATED", "STANDING_ACCESS_REMEDIATED", "RENEWAL_REQUESTED", "RENEWAL_REJECTED", "RENEWAL_DECIDED");
    }

    @Test
    void alertTypesAreTheContractOnesWithTheirSeverities() {
        assertThat(Arrays.stream(AlertType.values()).map(t -> t.name() + ":" + t.severity())).containsExactly(
                "STANDING_ACCESS:HIGH", "ROLE_WITHOUT_OTP:LOW", "TOO_MANY_HOLDERS:LOW", "UNUSED_ELIGIBILITY:LOW",
                "STALE_ACCOUNT:MEDIUM", "FREQUENT_ACTIVATION:LOW");
    }

    @Test
    void requestStatusesAreTheContractOnes() {
        assertThat(Arrays.stream(RequestStatus.values()).map(Enum::name)).containsExactly(
                "PENDING_APPROVAL", "SCHEDULED", "ACTIVE", "EXPIRED", "DEACTIVATED", "REVOKED", "DENIED",
                "CANCELLED", "REQUEST_EXPIRED", "APPLIED");
    }
}
