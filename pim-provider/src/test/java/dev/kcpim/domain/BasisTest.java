package dev.kcpim.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BasisTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final EligibilityWindow CURRENT = new EligibilityWindow(NOW.minusSeconds(3600), NOW.plusSeconds(3600));

    @Test
    void anEnabledUserCoveredByACurrentEligibilityKeepsTheBasis() {
        assertThat(new Basis(true, true, RequestKind.ACTIVATION, CURRENT, true).lossAt(NOW)).isEmpty();
    }

    @Test
    void lossesInOrderOfWhatIsChecked() {
        assertThat(new Basis(false, false, RequestKind.ACTIVATION, null, false).lossAt(NOW)).contains(BasisLoss.USER_DELETED);
        assertThat(new Basis(true, false, RequestKind.ACTIVATION, CURRENT, true).lossAt(NOW)).contains(BasisLoss.USER_DISABLED);
        assertThat(new Basis(true, true, RequestKind.ACTIVATION, null, false).lossAt(NOW)).contains(BasisLoss.ELIGIBILITY_REMOVED);
        assertThat(new Basis(true, true, RequestKind.ACTIVATION, new EligibilityWindow(NOW.minusSeconds(60), NOW), true).lossAt(NOW))
                .as("the end is exclusive").contains(BasisLoss.ELIGIBILITY_ENDED);
        assertThat(new Basis(true, true, RequestKind.ACTIVATION, CURRENT, false).lossAt(NOW)).contains(BasisLoss.GROUP_LEFT);
    }

    @Test
    void anAssignmentRestsOnTheUserAlone() {
        assertThat(new Basis(true, true, RequestKind.ASSIGNMENT, null, false).lossAt(NOW)).isEmpty();
        assertThat(new Basis(true, false, RequestKind.ASSIGNMENT, null, false).lossAt(NOW)).contains(BasisLoss.USER_DISABLED);
        assertThat(new Basis(true, true, RequestKind.ASSIGNMENT, null, false).cutEnd(NOW.plusSeconds(99_999))).isEmpty();
    }

    @Test
    void anElevationIsCutAtItsEligibilitysEndAndNeverExtended() {
        Basis basis = new Basis(true, true, RequestKind.ACTIVATION, CURRENT, true);
        assertThat(basis.cutEnd(NOW.plusSeconds(7200))).contains(CURRENT.endsAt());
        assertThat(basis.cutEnd(NOW.plusSeconds(60))).isEmpty();
        assertThat(new Basis(true, true, RequestKind.ACTIVATION, new EligibilityWindow(NOW, null), true).cutEnd(NOW.plusSeconds(7200)))
                .isEmpty();
    }

    @Test
    void aLostBasisIsDueBeforeTimeAndEndsPendingAsCancelAndOthersAsRevoke() {
        Instant start = NOW.minusSeconds(10);
        Instant end = NOW.plusSeconds(10);
        assertThat(RequestStateMachine.dueTransition(RequestStatus.ACTIVE, start, end, null, BasisLoss.GROUP_LEFT, NOW))
                .contains(Transition.REVOKE);
        assertThat(RequestStateMachine.dueTransition(RequestStatus.SCHEDULED, NOW.plusSeconds(5), end, null, BasisLoss.USER_DISABLED, NOW))
                .contains(Transition.REVOKE);
        assertThat(RequestStateMachine.dueTransition(RequestStatus.PENDING_APPROVAL, start, end, end, BasisLoss.ELIGIBILITY_REMOVED, NOW))
                .contains(Transition.CANCEL);
        assertThat(RequestStateMachine.dueTransition(RequestStatus.EXPIRED, start, end, null, BasisLoss.GROUP_LEFT, NOW))
                .isEqualTo(Optional.empty());
        assertThat(RequestStateMachine.dueTransition(RequestStatus.ACTIVE, start, NOW, null, null, NOW)).contains(Transition.EXPIRE);
    }

    @Test
    void changingAnEligibilitysEnd() {
        Policy defaults = Policy.defaults("role");
        assertThat(EligibilityWindow.withChangedEnd(defaults, CURRENT, NOW.minusSeconds(1), NOW).stateAt(NOW))
                .as("shortened to before now").isEqualTo(EligibilityState.EXPIRED);
        assertThat(EligibilityWindow.withChangedEnd(defaults, CURRENT, null, NOW).isPermanent()).isTrue();
        EligibilityWindow future = new EligibilityWindow(NOW.plusSeconds(60), NOW.plusSeconds(120));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EligibilityWindow.withChangedEnd(defaults, future, NOW.plusSeconds(30), NOW))
                .isInstanceOf(PimException.class).hasMessageContaining("after startsAt");
    }
}
