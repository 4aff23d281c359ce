package dev.kcpim.notify;

import dev.kcpim.jpa.entity.DecisionEntity;
import dev.kcpim.jpa.entity.RequestEntity;
import java.util.List;
import java.util.Objects;

/**
 * What one notification is about, copied from the request when the change happened, so that sending
 * after the commit needs no second read of the request.
 *
 * @param reason why a request or elevation ended (the end reason), null otherwise
 * @param decisions the approvers' decisions so far (for APPROVED and DENIED)
 * @param recipientIds the users to email, chosen by the service when it queued the notification
 * @param alertItems what an alert found (for STANDING_ACCESS_FOUND; no request then)
 */
public record Notification(NotificationType type, String realmId, String requestId, String kind, String userId, String username,
                           String roleId, String roleName, String roleClientId, String justification, String ticket,
                           long durationSeconds, long requestedAt, long startsAt, long endsAt, Long approvalDeadline, String status,
                           String reason, List<DecisionLine> decisions, List<String> recipientIds,
                           List<AlertLine> alertItems) {

    public Notification {
        Objects.requireNonNull(type, "type");
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
        recipientIds = recipientIds == null ? List.of() : List.copyOf(recipientIds);
        alertItems = alertItems == null ? List.of() : List.copyOf(alertItems);
    }

    /** One item of an alert as the email shows it. */
    public record AlertLine(String username, String role, String detail) {
    }

    /** To the user: their eligibility for the role ends at {@code endsAt}. */
    public static Notification eligibilityEnding(String realmId, String eligibilityId, String userId, String username, String roleId,
                                                 String roleName, String roleClientId, long endsAt) {
        return new Notification(NotificationType.ELIGIBILITY_ENDING, realmId, eligibilityId, null, userId, username, roleId, roleName,
                roleClientId, null, null, 0, 0, 0, endsAt, null, null, null, List.of(), List.of(userId), List.of());
    }

    /** To the realm's admins: users newly found holding a PIM-managed role outside PIM. */
    public static Notification standingAccess(String realmId, List<AlertLine> items, List<String> recipientIds) {
        return new Notification(NotificationType.STANDING_ACCESS_FOUND, realmId, null, null, null, null, null, null, null, null, null,
                0, 0, 0, 0, null, null, null, List.of(), recipientIds, items);
    }

    /** One approver's decision as the email shows it. */
    public record DecisionLine(String approver, String decision, String reason) {
    }

    public static Notification of(NotificationType type, RequestEntity request, String reason, List<DecisionEntity> decisions,
                                  List<String> recipientIds) {
        List<DecisionLine> lines = decisions == null ? List.of() : decisions.stream()
                .map(d -> new DecisionLine(d.getApproverUsername(), d.getDecision().name(), d.getReason()))
                .toList();
        return new Notification(type, request.getRealmId(), request.getId(), request.getKind().name(), request.getUserId(),
                request.getUsername(),
                request.getRoleId(), request.getRoleName(), request.getRoleClientId(), request.getJustification(),
                request.getTicket(), request.getDurationSeconds(), request.getRequestedAt(), request.getStartsAt(), request.getEndsAt(),
                request.getApprovalDeadline(), request.getStatus().name(), reason, lines, recipientIds, List.of());
    }

    /** "name" for a realm role, "clientId/name" for a client role (as in the {@code pim_elevations} claim). */
    public String roleLabel() {
        return roleClientId == null ? roleName : roleClientId + "/" + roleName;
    }
}
