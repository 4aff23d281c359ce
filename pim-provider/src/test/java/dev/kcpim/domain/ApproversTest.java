package dev.kcpim.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ApproversTest {

    @Test
    void nullSetsBecomeEmpty() {
        Approvers approvers = new Approvers(null, null, null);

        assertThat(approvers.users()).isEmpty();
        assertThat(approvers.groups()).isEmpty();
        assertThat(approvers.roles()).isEmpty();
        assertThat(approvers.isEmpty()).isTrue();
        assertThat(approvers).isEqualTo(Approvers.none());
    }

    @Test
    void anyNonEmptySetMakesItNonEmpty() {
        assertThat(new Approvers(Set.of("u"), null, null).isEmpty()).isFalse();
        assertThat(new Approvers(null, Set.of("g"), null).isEmpty()).isFalse();
        assertThat(new Approvers(null, null, Set.of("r")).isEmpty()).isFalse();
        assertThat(new Approvers(Set.of("u1", "u2"), Set.of("g"), Set.of("r")).size()).isEqualTo(4);
    }

    @Test
    void copiesAreImmutableAndDetachedFromTheInput() {
        Set<String> users = new HashSet<>(Set.of("u1"));
        Approvers approvers = new Approvers(users, Set.of(), Set.of());
        users.add("u2");

        assertThat(approvers.users()).containsExactly("u1");
        assertThatThrownBy(() -> approvers.users().add("u3")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Approvers.none().groups().add("g")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void listsCollapseDuplicatesAndKeepTheirOrder() {
        Approvers approvers = new Approvers(List.of("u2", "u1", "u2"), List.of(), null);

        assertThat(approvers.users()).containsExactly("u2", "u1");
        assertThat(approvers).isEqualTo(new Approvers(Set.of("u1", "u2"), Set.of(), Set.of()));
    }

    @Test
    void keepsNullElementsForValidationToReport() {
        List<String> withNull = new ArrayList<>();
        withNull.add(null);

        assertThat(new Approvers(Set.copyOf(List.of("u")), new HashSet<>(withNull), null).groups()).containsExactly((String) null);
    }

    @Test
    void admitsListedUsersMembersOfListedGroupsAndHoldersOfListedRoles() {
        Approvers approvers = new Approvers(Set.of("alice"), Set.of("g-ops"), Set.of("r-lead"));

        assertThat(approvers.admits("alice", List.of(), List.of())).isTrue();
        assertThat(approvers.admits("bob", List.of("g-dev", "g-ops"), List.of())).isTrue();
        assertThat(approvers.admits("carol", List.of(), List.of("r-lead"))).isTrue();
        assertThat(approvers.admits("dave", List.of("g-dev"), List.of("r-dev"))).isFalse();
    }
}
