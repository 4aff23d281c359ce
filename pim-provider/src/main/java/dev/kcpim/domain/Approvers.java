package dev.kcpim.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** Who may decide approval requests of a role: user ids, group ids and role ids. */
public record Approvers(Set<String> users, Set<String> groups, Set<String> roles) {

    private static final Approvers NONE = new Approvers(Set.of(), Set.of(), Set.of());

    public Approvers {
        users = copy(users);
        groups = copy(groups);
        roles = copy(roles);
    }

    /** From any collections (e.g. JSON lists); duplicates collapse, order is kept. */
    public Approvers(Collection<String> users, Collection<String> groups, Collection<String> roles) {
        this(copy(users), copy(groups), copy(roles));
    }

    public static Approvers none() {
        return NONE;
    }

    public boolean isEmpty() {
        return users.isEmpty() && groups.isEmpty() && roles.isEmpty();
    }

    public int size() {
        return users.size() + groups.size() + roles.size();
    }

    /**
     * Whether a user is an approver. The caller passes the user's effective group ids (including the
     * ancestors of the groups the user is a member of) and effective role ids (including composite
     * and group roles), as Keycloak computes them.
     */
    public boolean admits(String userId, Collection<String> userGroupIds, Collection<String> userRoleIds) {
        return users.contains(userId)
                || userGroupIds.stream().anyMatch(groups::contains)
                || userRoleIds.stream().anyMatch(roles::contains);
    }

    // Keeps insertion order (stable JSON) and tolerates null elements so that validation can report them.
    private static Set<String> copy(Collection<String> values) {
        return values == null || values.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }
}
