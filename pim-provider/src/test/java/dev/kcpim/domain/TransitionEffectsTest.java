package dev.kcpim.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What each transition does besides changing the status: the one table the service applies. */
class TransitionEffectsTest {

    @Test
    void theWindowStartsOnlyOnStartAndImmediateApprovalAndEndsOnExpireDeactivateRevoke() {
        for (Transition t : Transition.values()) {
            MappingEffect expected = switch (t) {
                case START, APPROVE_NOW -> MappingEffect.GRANT;
                case EXPIRE, DEACTIVATE, REVOKE -> MappingEffect.REMOVE;
                default -> MappingEffect.NONE;
            };
            assertThat(t.mappingEffect()).as(t.name()).isEqualTo(expected);
            assertThat(t.mappingEffect() == MappingEffect.GRANT).as(t + " grants only into ACTIVE").isEqualTo(t.target() == RequestStatus.ACTIVE);
        }
    }

    @Test
    void auditActionsAndNotices() {
        assertThat(Transition.EXPIRE.auditAction()).isEqualTo(AuditAction.EXPIRED);
        assertThat(Transition.APPROVE_LATER.auditAction()).isEqualTo(AuditAction.APPROVED);
        assertThat(Transition.START.notice()).isEqualTo(Notice.STARTED);
        assertThat(Transition.REVOKE.notice()).isEqualTo(Notice.ENDED);
        assertThat(Transition.CANCEL.notice()).as("a cancelled request sends nothing").isEqualTo(Notice.NONE);
        assertThat(Transition.APPROVAL_TIMEOUT.notice()).isEqualTo(Notice.REQUEST_EXPIRED);
    }

    @Test
    void aCauseCanSayTheMappingIsGoneOrThatItIsACleanUp() {
        assertThat(Cause.of("x").removesMapping(Transition.REVOKE)).isTrue();
        assertThat(Cause.mappingRemovedOutsidePim().removesMapping(Transition.REVOKE)).isFalse();
        assertThat(Cause.mappingRemovedOutsidePim().auditAction(Transition.REVOKE)).isEqualTo(AuditAction.REVOKED);
        assertThat(Cause.deleted("the user was deleted").auditAction(Transition.REVOKE)).isEqualTo(AuditAction.CLEANED_UP);
        assertThat(Cause.deleted("the user was deleted").removesMapping(Transition.REVOKE)).isFalse();
        assertThat(Cause.of("x").removesMapping(Transition.CANCEL)).isFalse();
    }
}
