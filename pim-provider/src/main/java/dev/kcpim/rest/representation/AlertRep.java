package dev.kcpim.rest.representation;

import java.util.List;

/** An alert with its findings ({@code GET /pim/alerts}); {@code count} counts every item, {@code items} lists at most 1000. */
public record AlertRep(String type, String severity, String title, String description, int count, List<Item> items,
                       long lastEvaluatedAt) {

    /** One finding; {@code userId}/{@code username} are null for an item about a role or a group's eligibility. */
    public record Item(String userId, String username, String roleId, String role, String detail, String via) {
    }
}
