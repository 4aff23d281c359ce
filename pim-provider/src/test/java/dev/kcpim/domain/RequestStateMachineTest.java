package dev.kcpim.domain;

import static dev.kcpim.domain.RequestStatus.ACTIVE;
import static dev.kcpim.domain.RequestStatus.CANCELLED;
import static dev.kcpim.domain.RequestStatus.DEACTIVATED;
import static dev.kcpim.domain.RequestStatus.DENIED;
import static dev.kcpim.domain.RequestStatus.EXPIRED;
import static dev.kcpim.domain.RequestStatus.PENDING_APPROVAL;
import static dev.kcpim.domain.RequestStatus.REQUEST_EXPIRED;
import static dev.kcpim.domain.RequestStatus.REVOKED;
import static dev.kcpim.domain.RequestStatus.SCHEDULED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class RequestStateMachineTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    /** The legal moves, written out independently of {@link Transition}'s own table. */
    private static final Map<String, RequestStatus> LEGAL = Map.ofEntries(
            Map.entry(key(PENDING_APPROVAL, Transition.APPROVE_NOW), ACTIVE),
            Map.entry(key(PENDING_APPROVAL, Transition.APPROVE_LATER), SCHEDULED),
            Map.entry(key(PENDING_APPROVAL, Transition.DENY), DENIED),
            Map.entry(key(PENDING_APPROVAL, Transition.APPROVAL_TIMEOUT), REQUEST_EXPIRED),
            Map.entry(key(SCHEDULED, Transition.START), ACTIVE),
            Map.entry(key(ACTIVE, Transition.EXPIRE), EXPIRED),
            Map.entry(key(ACTIVE, Transition.DEACTIVATE), DEACTIVATED),
            Map.entry(key(PENDING_APPROVAL, Transition.CANCEL), CANCELLED),
            Map.entry(key(SCHEDULED, Transition.CANCEL), CANCELLED),
            Map.entry(key(ACTIVE, Transition.REVOKE), REVOKED),
            Map.entry(key(SCHEDULED, Transition.REVOKE), REVOKED),
            Map.entry(key(PENDING_APPROVAL, Transition.APPLY_EXTENSION), RequestStatus.APPLIED));

    private static String key(RequestStatus from, Transition t) {
        return from + "/" + t;
    }

    static Stream<Arguments> everyStatusAndTransition() {
        return Arrays.stream(RequestStatus.values())
                .flatMap(s -> Arrays.stream(Transition.values()).map(t -> Arguments.of(s, t)));
    }

    @ParameterizedTest(name = "{0} --{1}-->")
    @MethodSource("everyStatusAndTransition")
    void legalMovesReachTheirTargetAndAllOthersConflict(RequestStatus from, Transition transition) {
        RequestStatus expected = LEGAL.get(key(from, transition));
        if (expected != null) {
            assertThat(RequestStateMachine.next(from, transition)).isEqualTo(expected);
            assertThat(RequestStateMachine.canApply(from, transition)).isTrue();
        } else {
            assertThat(RequestStateMachine.canApply(from, transition)).isFalse();
            assertThatThrownBy(() -> RequestStateMachine.next(from, transition))
                    .isInstanceOfSatisfying(PimException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFLICT);
                        assertThat(e.description())
                                .isEqualTo("cannot " + transition.verb() + " a request that is " + from.name());
                    });
        }
    }

    @Test
    void conflictTextReadsNaturally() {
        assertThatThrownBy(() -> RequestStateMachine.next(EXPIRED, Transition.CANCEL))
                .hasMessage("cannot cancel a request that is EXPIRED");
    }

    @ParameterizedTest
    @EnumSource(value = RequestStatus.class, names = {"PENDING_APPROVAL", "SCHEDULED", "ACTIVE"}, mode = EnumSource.Mode.EXCLUDE)
    void closedRequestsHaveNoOutgoingMove(RequestStatus closed) {
        for (Transition t : Transition.values()) {
            assertThat(RequestStateMachine.canApply(closed, t)).as(t.name()).isFalse();
        }
    }

    @Test
    void pendingTimesOutExactlyAtTheDeadline() {
        Instant deadline = NOW.plusSeconds(86_400);

        assertThat(RequestStateMachine.dueTransition(PENDING_APPROVAL, NOW, NOW.plusSeconds(3600), deadline,
                deadline.minusMillis(1))).isEmpty();
        assertThat(RequestStateMachine.dueTransition(PENDING_APPROVAL, NOW, NOW.plusSeconds(3600), deadline,
                deadline)).contains(Transition.APPROVAL_TIMEOUT);
        assertThat(RequestStateMachine.dueTransition(PENDING_APPROVAL, NOW, NOW.plusSeconds(3600), null,
                NOW.plusSeconds(10_000_000))).isEmpty();
    }

    @Test
    void scheduledStartsExactlyAtItsStart() {
        Instant start = NOW.plusSeconds(600);
        Instant end = start.plusSeconds(3600);

        assertThat(RequestStateMachine.dueTransition(SCHEDULED, start, end, null, start.minusMillis(1))).isEmpty();
        assertThat(RequestStateMachine.dueTransition(SCHEDULED, start, end, null, start)).contains(Transition.START);
    }

    @Test
    void activeExpiresExactlyAtItsEnd() {
        Instant end = NOW.plusSeconds(3600);

        assertThat(RequestStateMachine.dueTransition(ACTIVE, NOW, end, null, end.minusMillis(1))).isEmpty();
        assertThat(RequestStateMachine.dueTransition(ACTIVE, NOW, end, null, end)).contains(Transition.EXPIRE);
    }

    @Test
    void scheduledWindowThatAlreadyPassedStartsThenExpires() {
        Instant start = NOW.minusSeconds(7200);
        Instant end = NOW.minusSeconds(3600);

        Transition first = RequestStateMachine.dueTransition(SCHEDULED, start, end, null, NOW).orElseThrow();
        RequestStatus afterFirst = RequestStateMachine.next(SCHEDULED, first);
        Transition second = RequestStateMachine.dueTransition(afterFirst, start, end, null, NOW).orElseThrow();

        assertThat(RequestStateMachine.next(afterFirst, second)).isEqualTo(EXPIRED);
    }

    @ParameterizedTest
    @EnumSource(value = RequestStatus.class, names = {"PENDING_APPROVAL", "SCHEDULED", "ACTIVE"}, mode = EnumSource.Mode.EXCLUDE)
    void closedRequestsAreNeverDue(RequestStatus closed) {
        assertThat(RequestStateMachine.dueTransition(closed, NOW.minusSeconds(10), NOW.minusSeconds(5),
                NOW.minusSeconds(5), NOW)).isEmpty();
    }
}
