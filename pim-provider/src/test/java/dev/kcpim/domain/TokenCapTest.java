package dev.kcpim.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TokenCapTest {
    private static final long NOW = 1_796_000_000_000L;

    /** admin = {manage-users, view-users}; manage-users = {query-users}. */
    private static final Map<String, Set<String>> COMPOSITES = Map.of(
            "admin", Set.of("manage-users", "view-users"),
            "manage-users", Set.of("query-users"));
    private static final Function<Set<String>, Set<String>> EXPAND = roles -> {
        Set<String> all = new HashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(roles);
        while (!todo.isEmpty()) {
            String role = todo.pop();
            if (all.add(role)) {
                todo.addAll(COMPOSITES.getOrDefault(role, Set.of()));
            }
        }
        return all;
    };

    @Test
    void expIsLoweredToTheEarliestEndAndNeverRaised() {
        long end = NOW + 600_000;
        assertThat(TokenCap.cappedExp(NOW / 1000 + 3600, end)).isEqualTo(end / 1000);
        assertThat(TokenCap.cappedExp(NOW / 1000 + 60, end)).as("never raised").isEqualTo(NOW / 1000 + 60);
        assertThat(TokenCap.cappedExp(null, end)).isEqualTo(end / 1000);
        assertThat(TokenCap.cappedExp(0L, end)).as("0 means no expiry").isEqualTo(end / 1000);
    }

    @Test
    void samlInstantsAreLoweredToTheEarliestEndAndNeverRaised() {
        long end = NOW + 600_000;
        assertThat(TokenCap.cappedInstant(NOW + 36_000_000L, end)).isEqualTo(end);
        assertThat(TokenCap.cappedInstant(NOW + 60_000L, end)).as("never raised").isEqualTo(NOW + 60_000L);
        assertThat(TokenCap.cappedInstant(null, end)).as("absent means no limit").isEqualTo(end);
    }

    @Test
    void samlRoleValuesOfLeftOutRolesGoUnlessAKeptRoleShowsTheSameName() {
        assertThat(TokenCap.roleValuesToRemove(Set.of("admin", "manage-users"), Set.of("manage-users", "offline_access")))
                .as("a client role and a realm role both show as manage-users").containsExactly("admin");
        assertThat(TokenCap.roleValuesToRemove(Set.of(), Set.of("offline_access"))).isEmpty();
    }

    @Test
    void whatCountsAsRunningOrEnded() {
        assertThat(TokenCap.partOf(RequestStatus.ACTIVE, NOW + 1, true, NOW)).isEqualTo(TokenCap.Part.RUNNING);
        assertThat(TokenCap.partOf(RequestStatus.ACTIVE, NOW, true, NOW)).as("the end is exclusive").isEqualTo(TokenCap.Part.ENDED);
        assertThat(TokenCap.partOf(RequestStatus.ACTIVE, NOW - 1, false, NOW)).as("a mapping PIM did not add").isEqualTo(TokenCap.Part.NONE);
        for (RequestStatus ended : new RequestStatus[]{RequestStatus.EXPIRED, RequestStatus.DEACTIVATED, RequestStatus.REVOKED}) {
            assertThat(TokenCap.partOf(ended, NOW - TokenCap.RECENTLY_ENDED_MILLIS / 2, false, NOW)).as(ended.name())
                    .isEqualTo(TokenCap.Part.ENDED);
        }
    }

    @Test
    void anEndedRoleIsStrippedWithItsCompositesButWhatIsHeldOtherwiseStays() {
        assertThat(TokenCap.rolesToStrip(Set.of("admin"), Set.of("admin", "offline_access"), EXPAND))
                .containsExactlyInAnyOrder("admin", "manage-users", "view-users", "query-users");
        assertThat(TokenCap.rolesToStrip(Set.of("admin"), Set.of("admin", "manage-users"), EXPAND))
                .as("manage-users and its composite are held directly").containsExactlyInAnyOrder("admin", "view-users");
        assertThat(TokenCap.rolesToStrip(Set.of(), Set.of("admin"), EXPAND)).isEmpty();
    }

    @Test
    void theClaimEntryNamesRoleRequestAndEndInSeconds() {
        assertThat(TokenCap.claimEntry("realm-management/manage-users", "r1", NOW + 1_999))
                .containsExactly(Map.entry("role", "realm-management/manage-users"), Map.entry("requestId", "r1"),
                        Map.entry("exp", (NOW + 1_999) / 1000));
    }
}
