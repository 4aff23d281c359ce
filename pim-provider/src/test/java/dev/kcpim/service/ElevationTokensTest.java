package dev.kcpim.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.keycloak.models.RevokedTokenProvider;
import org.keycloak.models.SingleUseObjectProvider;

/** The slot protocol of {@link ElevationTokens} against thread-safe in-memory stores with Keycloak's semantics. */
class ElevationTokensTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final long ENDS_AT = NOW + 3_600_000L;
    private static final long EXP = NOW / 1000 + 300;

    /** Keycloak's single-use store: putIfAbsent stores a key without notes, replace only an existing key. */
    static final class MemoryStore implements SingleUseObjectProvider {
        final Map<String, Map<String, String>> entries = new ConcurrentHashMap<>();
        final Map<String, Long> lifespans = new ConcurrentHashMap<>();

        @Override
        public void put(String key, long lifespanSeconds, Map<String, String> notes) {
            assertThat(lifespanSeconds).isPositive();
            entries.put(key, new HashMap<>(notes));
            lifespans.put(key, lifespanSeconds);
        }

        @Override
        public Map<String, String> get(String key) {
            Map<String, String> notes = entries.get(key);
            return notes == null || notes.isEmpty() ? null : notes;
        }

        @Override
        public Map<String, String> remove(String key) {
            return entries.remove(key);
        }

        @Override
        public boolean replace(String key, Map<String, String> notes) {
            return entries.replace(key, new HashMap<>(notes)) != null;
        }

        @Override
        public boolean putIfAbsent(String key, long lifespanInSeconds) {
            assertThat(lifespanInSeconds).isPositive();
            lifespans.putIfAbsent(key, lifespanInSeconds);
            return entries.putIfAbsent(key, new HashMap<>()) == null;
        }

        @Override
        public boolean contains(String key) {
            return entries.containsKey(key);
        }

        @Override
        public void close() {
        }
    }

    static final class MemoryRevoked implements RevokedTokenProvider {
        final Map<String, Long> revoked = new ConcurrentHashMap<>();

        @Override
        public boolean put(String id, long lifespanSeconds) {
            return revoked.put(id, lifespanSeconds) == null;
        }

        @Override
        public boolean contains(String id) {
            return revoked.containsKey(id);
        }

        @Override
        public void close() {
        }
    }

    private final MemoryStore store = new MemoryStore();
    private final MemoryRevoked revoked = new MemoryRevoked();
    /** Request ids of this test only: the slot hints are kept per node (static), across tests. */
    private final String r1 = "r1-" + UUID.randomUUID();
    private final String r2 = "r2-" + UUID.randomUUID();

    @Test
    void anEarlyEndRevokesEveryTokenOfTheElevationUntilItsExp() {
        for (int i = 0; i < 5; i++) {
            ElevationTokens.remember(store, revoked, r1, 0, ENDS_AT, "t" + i, EXP, NOW);
        }
        ElevationTokens.remember(store, revoked, r2, 0, ENDS_AT, "other", EXP, NOW);

        int count = ElevationTokens.revokeAll(store, revoked, r1, 0, ENDS_AT, NOW + 10_000);

        assertThat(count).isEqualTo(5);
        assertThat(revoked.revoked).containsOnlyKeys("t0", "t1", "t2", "t3", "t4");
        assertThat(revoked.revoked.get("t0")).as("until the token's exp, plus a second").isEqualTo(300 - 10 + 1);
        assertThat(store.lifespans.get("pim.tokens." + r1 + ".0")).as("slots live until the elevation's end plus a margin")
                .isEqualTo(3_600 + 120);
    }

    @Test
    void anExtendedElevationsTokensAreRevokedFromEveryGenerationEvenWhenAnEarlierOnesSlotsExpired() {
        ElevationTokens.remember(store, revoked, r1, 0, ENDS_AT, "before-extension", EXP, NOW);
        long extendedEnd = ENDS_AT + 3_600_000L;
        ElevationTokens.remember(store, revoked, r1, 1, extendedEnd, "after-extension", EXP, NOW);
        ElevationTokens.remember(store, revoked, r1, 2, extendedEnd + 3_600_000L, "after-second-extension", EXP, NOW);
        assertThat(store.lifespans.get("pim.tokens." + r1 + ".g1.0")).as("the new generation lives until the new end").isEqualTo(7_200 + 120);

        assertThat(ElevationTokens.revokeAll(store, revoked, r1, 2, extendedEnd, NOW + 1_000)).isEqualTo(3);
        assertThat(revoked.revoked).containsOnlyKeys("before-extension", "after-extension", "after-second-extension");

        revoked.revoked.clear();
        store.entries.keySet().removeIf(key -> key.equals("pim.tokens." + r1 + ".0") || key.endsWith(".ended"));
        assertThat(ElevationTokens.revokeAll(store, revoked, r1, 2, extendedEnd, NOW + 1_000))
                .as("the first generation's slots expired with its tokens; the later ones are still read").isEqualTo(2);
    }

    @Test
    void tokensPastTheirExpAreLeftAlone() {
        ElevationTokens.remember(store, revoked, r1, 0, ENDS_AT, "expired", NOW / 1000 + 5, NOW);
        ElevationTokens.remember(store, revoked, r1, 0, ENDS_AT, "valid", EXP, NOW);

        assertThat(ElevationTokens.revokeAll(store, revoked, r1, 0, ENDS_AT, NOW + 60_000)).isEqualTo(1);
        assertThat(revoked.revoked).containsOnlyKeys("valid");
    }

    @Test
    void aShorterEndRevokesOnlyTokensThatWouldOutliveIt() {
        ElevationTokens.remember(store, revoked, r1, 0, ENDS_AT, "short", NOW / 1000 + 30, NOW);
        ElevationTokens.remember(store, revoked, r1, 0, ENDS_AT, "long", EXP, NOW);

        assertThat(ElevationTokens.revokeOutliving(store, revoked, r1, 0, NOW + 60_000, NOW)).isEqualTo(1);
        assertThat(revoked.revoked).containsOnlyKeys("long");
        ElevationTokens.remember(store, revoked, r1, 0, NOW + 60_000, "after-the-cut", NOW / 1000 + 60, NOW);
        assertThat(revoked.revoked).as("a shortening does not end the elevation").doesNotContainKey("after-the-cut");
    }

    @Test
    void aTokenIssuedAfterTheEndRevokesItself() {
        ElevationTokens.revokeAll(store, revoked, r1, 0, ENDS_AT, NOW);
        ElevationTokens.remember(store, revoked, r1, 0, ENDS_AT, "late", EXP, NOW);
        assertThat(revoked.revoked).containsKey("late");
    }

    @Test
    void aTokenWithoutAnIdIsNotTracked() {
        ElevationTokens.remember(store, revoked, r1, 0, ENDS_AT, null, EXP, NOW);
        assertThat(store.entries).isEmpty();
    }

    @Test
    void aStoreThatLostItsSlotsIsFilledFromTheStartAgain() {
        for (int i = 0; i < 3; i++) {
            ElevationTokens.remember(store, revoked, r1, 0, ENDS_AT, "before-" + i, EXP, NOW);
        }
        MemoryStore wiped = new MemoryStore();

        ElevationTokens.remember(wiped, revoked, r1, 0, ENDS_AT, "after", EXP, NOW + 1_000);

        assertThat(wiped.contains("pim.tokens." + r1 + ".0")).as("this node's hint (slot 3) was checked and dropped").isTrue();
        assertThat(ElevationTokens.revokeAll(wiped, revoked, r1, 0, ENDS_AT, NOW + 2_000)).isEqualTo(1);
        assertThat(revoked.revoked).containsOnlyKeys("after");
    }

    @Test
    void aNodeBehindAnotherNodesTokensClaimsTheNextFreeSlot() {
        ElevationTokens.remember(store, revoked, r1, 0, ENDS_AT, "mine", EXP, NOW);
        // Another node took slots 1 and 2 (its own hint, not this node's).
        store.putIfAbsent("pim.tokens." + r1 + ".1", 60);
        store.replace("pim.tokens." + r1 + ".1", Map.of("jti", "theirs-1", "exp", Long.toString(EXP)));
        store.putIfAbsent("pim.tokens." + r1 + ".2", 60);
        store.replace("pim.tokens." + r1 + ".2", Map.of("jti", "theirs-2", "exp", Long.toString(EXP)));

        ElevationTokens.remember(store, revoked, r1, 0, ENDS_AT, "mine-again", EXP, NOW);

        assertThat(store.get("pim.tokens." + r1 + ".3")).containsEntry("jti", "mine-again");
        assertThat(ElevationTokens.revokeAll(store, revoked, r1, 0, ENDS_AT, NOW)).isEqualTo(4);
    }

    @Test
    void noTokenEscapesAnEndThatRacesWithIssuance() throws Exception {
        for (int round = 0; round < 20; round++) {
            MemoryStore raceStore = new MemoryStore();
            MemoryRevoked raceRevoked = new MemoryRevoked();
            String request = "race-" + round + "-" + UUID.randomUUID();
            int threads = 8;
            int perThread = 100;
            ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        ElevationTokens.remember(raceStore, raceRevoked, request, 0, ENDS_AT, "t" + thread + "-" + i, EXP, NOW);
                    }
                    return null;
                }));
            }
            futures.add(pool.submit(() -> {
                start.await();
                ElevationTokens.revokeAll(raceStore, raceRevoked, request, 0, ENDS_AT, NOW);
                return null;
            }));
            start.countDown();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();

            assertThat(raceRevoked.revoked).as("round " + round + ": every token, revoked by the end or by itself").hasSize(threads * perThread);
            int slots = 0;
            while (raceStore.contains("pim.tokens." + request + "." + slots)) {
                slots++;
            }
            assertThat(slots).as("contiguous slots, one per token").isEqualTo(threads * perThread);
        }
    }
}
