package dev.kcpim.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailContentTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC);
    private static final long NOW = CLOCK.millis();

    private static Notification notification(NotificationType type, String clientId, List<Notification.DecisionLine> decisions) {
        return new Notification(type, "realm-id", "request-id", "ACTIVATION", "user-id", "alice", "role-id", "user-admin", clientId,
                "INC-1 <b>urgent</b>", null, 5_400, NOW, NOW, NOW + 5_400_000L, NOW + 86_400_000L, status(type), "the reason", decisions,
                List.of("user-id"), List.of());
    }

    private static String status(NotificationType type) {
        return switch (type) {
            case APPROVAL_REQUESTED -> "PENDING_APPROVAL";
            case APPROVED, STARTED -> "ACTIVE";
            case DENIED -> "DENIED";
            case REQUEST_EXPIRED -> "REQUEST_EXPIRED";
            case ENDED -> "EXPIRED";
            case STANDING_ACCESS_FOUND, ELIGIBILITY_ENDING -> null;
            case ELEVATION_ENDING -> "ACTIVE";
        };
    }

    @Test
    void theStandingAccessEmailListsItsItemsAndLinksToTheAdminConsolesAlertsPage() {
        Notification found = Notification.standingAccess("realm-id",
                List.of(new Notification.AlertLine("alice", "realm-management/manage-users", "direct role mapping")), List.of("admin-id"));

        assertThat(EmailContent.subjectAttributes(found)).containsExactly("1");
        assertThat(EmailContent.attributes(found, "https://sso.example/admin/acme/console/#/acme/pim/alerts").get("alertItems"))
                .isEqualTo(List.of(Map.of("username", "alice", "role", "realm-management/manage-users", "detail", "direct role mapping")));
        assertThat(EmailContent.link("https://sso.example/", "acme corp", NotificationType.STANDING_ACCESS_FOUND))
                .isEqualTo("https://sso.example/admin/acme%20corp/console/#/acme%20corp/pim/alerts");
    }

    @Test
    void durationsReadLikePeopleWriteThem() {
        assertThat(EmailContent.duration(28_800)).isEqualTo("8 h");
        assertThat(EmailContent.duration(5_400)).isEqualTo("1 h 30 min");
        assertThat(EmailContent.duration(187_200)).isEqualTo("2 d 4 h");
        assertThat(EmailContent.duration(45)).isEqualTo("45 s");
        assertThat(EmailContent.duration(90)).isEqualTo("1 min 30 s");
        assertThat(EmailContent.duration(0)).isEqualTo("0 s");
    }

    @Test
    void timesAreUtc() {
        assertThat(EmailContent.time(NOW)).isEqualTo("2026-01-15 10:00 UTC");
    }

    @Test
    void linksPointAtTheAccountConsolePage() {
        assertThat(EmailContent.link("https://sso.example.com/", "acme", NotificationType.APPROVAL_REQUESTED))
                .isEqualTo("https://sso.example.com/realms/acme/account/pim/approvals");
        assertThat(EmailContent.link("https://sso.example.com/auth", "acme corp", NotificationType.DENIED))
                .isEqualTo("https://sso.example.com/auth/realms/acme%20corp/account/pim/requests");
        assertThat(EmailContent.link(null, "acme", NotificationType.STARTED)).isNull();
    }

    @Test
    void attributesCarryTheRequestAsPlainText() {
        Map<String, Object> attributes = EmailContent.attributes(notification(NotificationType.APPROVAL_REQUESTED, null, List.of()),
                "https://sso.example.com/realms/acme/account/pim/approvals");

        assertThat(attributes).containsEntry("role", "user-admin").containsEntry("requester", "alice")
                .containsEntry("justification", "INC-1 <b>urgent</b>").containsEntry("ticket", "")
                .containsEntry("duration", "1 h 30 min").containsEntry("startsAt", "2026-01-15 10:00 UTC")
                .containsEntry("endsAt", "2026-01-15 11:30 UTC").containsEntry("deadline", "2026-01-16 10:00 UTC")
                .containsEntry("reason", "the reason").containsEntry("kind", "ACTIVATION")
                .containsEntry("hasWindow", false).containsEntry("requestedStart", "")
                .containsEntry("link", "https://sso.example.com/realms/acme/account/pim/approvals");
        assertThat(attributes.values()).doesNotContainNull();
        assertThat(EmailContent.subjectAttributes(notification(NotificationType.APPROVAL_REQUESTED, null, List.of())))
                .containsExactly("user-admin", "alice");
        assertThat(EmailContent.subjectAttributes(notification(NotificationType.DENIED, "billing", List.of())))
                .containsExactly("billing/user-admin");
    }

    @Test
    void decisionsNameTheApprovers() {
        Map<String, Object> attributes = EmailContent.attributes(notification(NotificationType.APPROVED, null, List.of(
                new Notification.DecisionLine("carol", "APPROVE", "fine"), new Notification.DecisionLine("dave", "APPROVE", "ok"))), null);

        assertThat(attributes).containsEntry("approvers", "carol, dave").containsEntry("deniedBy", "").containsEntry("link", "");
        assertThat((List<?>) attributes.get("decisions")).hasSize(2);
        assertThat(attributes).containsEntry("hasWindow", true);
    }

    @Test
    void aPendingRequestShowsItsRequestedStartOnlyWhenItIsLater() {
        Notification later = new Notification(NotificationType.APPROVAL_REQUESTED, "realm-id", "request-id", "ACTIVATION", "user-id",
                "alice", "role-id", "user-admin", null, "x", null, 600, NOW, NOW + 3_600_000L, NOW + 4_200_000L, NOW + 86_400_000L,
                "PENDING_APPROVAL", null, List.of(), List.of("approver-id"), List.of());
        assertThat(EmailContent.attributes(later, null)).containsEntry("requestedStart", "2026-01-15 11:00 UTC")
                .containsEntry("hasWindow", false);
    }

    @Test
    void aDenialsReasonIsTheApproversAndShownWithTheDecisions() {
        Map<String, Object> attributes = EmailContent.attributes(notification(NotificationType.DENIED, null, List.of(
                new Notification.DecisionLine("carol", "DENY", "no"))), null);
        assertThat(attributes).containsEntry("reason", "").containsEntry("deniedBy", "carol");
    }
}
