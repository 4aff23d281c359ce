package dev.kcpim.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcpim.domain.RequestStatus;
import dev.kcpim.domain.TokenCap;
import dev.kcpim.service.ElevationCache.Elevation;
import dev.kcpim.service.ElevationCache.Entry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElevationCacheTest {
    private static final long READ_AT = 1_800_000_000_000L;

    private static Elevation active(String id, long endsAt) {
        return new Elevation(id, "role-" + id, "r" + id, null, RequestStatus.ACTIVE, endsAt, null, true, 0);
    }

    private static Elevation ended(String id, long endedAt) {
        return new Elevation(id, "role-" + id, "r" + id, null, RequestStatus.DEACTIVATED, endedAt + 3_600_000, endedAt, true, 0);
    }

    @Test
    void activeRowsStayWhateverTheirEndSoThatTheClockDecidesAtEachToken() {
        Entry entry = new Entry(List.of(active("a", READ_AT + 1_000)), READ_AT);
        assertThat(entry.at(READ_AT + 3_600_000)).extracting(Elevation::id).containsExactly("a");
    }

    @Test
    void endedRowsAgeOutOfTheRecentlyEndedWindow() {
        Entry entry = new Entry(List.of(ended("old", READ_AT - 50_000), ended("new", READ_AT - 1_000)), READ_AT);
        assertThat(entry.at(READ_AT)).extracting(Elevation::id).containsExactly("old", "new");
        assertThat(entry.at(READ_AT + 15_000)).extracting(Elevation::id).containsExactly("new");
        assertThat(entry.at(READ_AT + TokenCap.RECENTLY_ENDED_MILLIS)).isEmpty();
    }

    @Test
    void anEntryIsNotUsedWhenTheClockWentBack() {
        Entry entry = new Entry(List.of(), READ_AT);
        assertThat(entry.coversTime(READ_AT)).isTrue();
        assertThat(entry.coversTime(READ_AT + 1)).isTrue();
        assertThat(entry.coversTime(READ_AT - 1)).isFalse();
    }

    @Test
    void theClaimNamesClientRolesWithTheirClient() {
        assertThat(new Elevation("x", "id", "admin", null, RequestStatus.ACTIVE, 1, null, true, 0).roleLabel()).isEqualTo("admin");
        assertThat(new Elevation("x", "id", "admin", "app", RequestStatus.ACTIVE, 1, null, true, 0).roleLabel()).isEqualTo("app/admin");
    }
}
