package dev.kcpim.notify;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data the email templates get. Every value is a plain string (empty when absent) or a boolean, so
 * templates need no null handling; the HTML templates escape them (Keycloak renders {@code .ftl} as HTML with
 * auto-escaping), the text templates print them as they are.
 */
public final class EmailContent {
    /** Statuses whose window is real: granted, planned or over. Before approval the window is only requested. */
    private static final Set<String> WINDOW_STATUSES = Set.of("ACTIVE", "SCHEDULED", "EXPIRED", "DEACTIVATED", "REVOKED");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private EmailContent() {
    }

    /** Template attributes; {@code link} is the account console page, or null when the server's URL is unknown. */
    public static Map<String, Object> attributes(Notification n, String link) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("pimType", n.type().name());
        attributes.put("kind", text(n.kind()));
        attributes.put("role", text(n.roleLabel()));
        attributes.put("requester", text(n.username()));
        attributes.put("justification", text(n.justification()));
        attributes.put("ticket", text(n.ticket()));
        attributes.put("duration", duration(n.durationSeconds()));
        boolean window = n.status() != null && WINDOW_STATUSES.contains(n.status());
        attributes.put("hasWindow", window);
        attributes.put("startsAt", time(n.startsAt()));
        attributes.put("endsAt", time(n.endsAt()));
        attributes.put("requestedStart", !window && n.startsAt() > n.requestedAt() ? time(n.startsAt()) : "");
        attributes.put("deadline", n.approvalDeadline() == null ? "" : time(n.approvalDeadline()));
        attributes.put("status", text(n.status()));
        // a denial's reason is the denying approver's, shown with the decisions
        attributes.put("reason", n.type() == NotificationType.DENIED ? "" : text(n.reason()));
        attributes.put("link", text(link));
        List<Map<String, String>> decisions = new ArrayList<>();
        for (Notification.DecisionLine d : n.decisions()) {
            decisions.add(Map.of("approver", text(d.approver()), "decision", text(d.decision()), "reason", text(d.reason())));
        }
        attributes.put("decisions", decisions);
        List<Map<String, String>> alertItems = new ArrayList<>();
        for (Notification.AlertLine item : n.alertItems()) {
            alertItems.add(Map.of("username", text(item.username()), "role", text(item.role()), "detail", text(item.detail())));
        }
        attributes.put("alertItems", alertItems);
        attributes.put("approvers", String.join(", ", n.decisions().stream()
                .filter(d -> "APPROVE".equals(d.decision())).map(Notification.DecisionLine::approver).toList()));
        attributes.put("deniedBy", String.join(", ", n.decisions().stream()
                .filter(d -> "DENY".equals(d.decision())).map(Notification.DecisionLine::approver).toList()));
        return attributes;
    }

    /** The subject's arguments: the role, and for approvers also who asked. */
    public static List<Object> subjectAttributes(Notification n) {
        return switch (n.type()) {
            case APPROVAL_REQUESTED -> List.of(text(n.roleLabel()), text(n.username()));
            case STANDING_ACCESS_FOUND -> List.of(String.valueOf(n.alertItems().size()));
            case ELEVATION_ENDING, ELIGIBILITY_ENDING -> List.of(text(n.roleLabel()), time(n.endsAt()));
            default -> List.of(text(n.roleLabel()));
        };
    }

    /** The console page an email links to, below the server's public base URI: the account console's, or the admin console's Alerts page. */
    public static String link(String baseUri, String realmName, NotificationType type) {
        if (baseUri == null || baseUri.isBlank()) {
            return null;
        }
        String base = baseUri.endsWith("/") ? baseUri : baseUri + "/";
        String realm = encodePathSegment(realmName);
        if (type.accountPage() == null) {
            return base + "admin/" + realm + "/console/#/" + realm + "/pim/alerts";
        }
        return base + "realms/" + realm + "/account/" + type.accountPage();
    }

    /** A duration for people: "8 h", "1 h 30 min", "2 d 4 h", "45 s". */
    public static String duration(long seconds) {
        if (seconds <= 0) {
            return "0 s";
        }
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long rest = seconds % 60;
        List<String> parts = new ArrayList<>();
        if (days > 0) {
            parts.add(days + " d");
        }
        if (hours > 0) {
            parts.add(hours + " h");
        }
        if (minutes > 0) {
            parts.add(minutes + " min");
        }
        if (rest > 0) {
            parts.add(rest + " s");
        }
        return String.join(" ", parts);
    }

    public static String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String encodePathSegment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
