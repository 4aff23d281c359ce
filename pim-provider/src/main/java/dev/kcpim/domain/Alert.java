package dev.kcpim.domain;

import java.time.Instant;
import java.util.List;

/**
 * An alert with what it found (only alerts with items are reported).
 *
 * @param count every item found; {@code items} may list fewer
 */
public record Alert(AlertType type, int count, List<Item> items, Instant evaluatedAt) {

    public Alert {
        items = List.copyOf(items);
    }

    /**
     * One finding: a user and a role, or only a role (ROLE_WITHOUT_OTP, TOO_MANY_HOLDERS), or a group's
     * eligibility (UNUSED_ELIGIBILITY; no user).
     *
     * @param role "name" for a realm role, "clientId/name" for a client role
     * @param via for STANDING_ACCESS, how the role is held (DIRECT, GROUP or COMPOSITE; only a DIRECT grant has the remedy); null otherwise
     */
    public record Item(String userId, String username, String roleId, String role, String detail, Via via) {

        public Item(String userId, String username, String roleId, String role, String detail) {
            this(userId, username, roleId, role, detail, null);
        }
    }

    /** How a role is held outside PIM. */
    public enum Via {
        DIRECT, GROUP, COMPOSITE
    }
}
