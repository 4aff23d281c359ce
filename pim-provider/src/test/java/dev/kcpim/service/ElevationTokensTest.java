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

/** The slot protocol of {@link ElevationTokens} against thread-safe in-memory stores with Keycloak's semantics. */
class ElevationTokensTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final long ENDS_AT = NOW + 3_600_000L;
    private static final long EXP = NOW / 1000 + 300;

    /** Keycloak's single-use store as the protocol sees it: putIfAbsent stores a key without notes, putNow is visible at once. */
    static final class MemoryStore implements ElevationTokens.Store {
        final Map<String, Map<String, String>> entries = new ConcurrentHashMap<>();
        final Map<String, Long> lifespans = new ConcurrentHashMap<>();

        @Override
        public void putNow(String key, long lifespanSeconds, Map<String, String> notes) {
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
        public boolean putIfAbsent(String key, long lifespanInSeconds) {
            assertThat(lifespanInSeconds).isPositive();
            lifespans.putIfAbsent(key, lifespanInSeconds);
            return entries.putIfAbsent(key, new HashMap<>()) == null;
        }

        @Override
        public boolean contains(String key) {
            return entries.containsKey(key);
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
            assertThat(ElevationTokens.register(store, r1, 0, ENDS_AT, "t" + i, EXP, NOW)).isTrue();
        }
        ElevationTokens.register(store, r2, 0, ENDS_AT, "other", EXP, NOW);

        int count = ElevationTokens.revokeAll(store, revoked, r1, 0, ENDS_AT, NOW + 10_000);

        assertThat(count).isEqualTo(5);
        assertThat(revoked.revoked).containsOnlyKeys("t0", "t1", "t2", "t3", "t4");
        assertThat(revoked.revoked.get("t0")).as("until the token's exp, plus a second").isEqualTo(300 - 10 + 1);
        assertThat(store.lifespans.get("pim.tokens." + r1 + ".c0")).as("chunks live until the elevation's end plus a margin")
                .isEqualTo(3_600 + 120);
        assertThat(ElevationTokens.register(store, r1, 0, ENDS_AT, "after-the-end", EXP, NOW + 20_000))
                .as("a token issued after the end leaves the role out").isFalse();
    }

    @Test
    void tokensFillChunksOfSixteenInOrder() {
        for (int i = 0; i < 40; i++) {
            ElevationTokens.register(store, r1, 0, ENDS_AT, "t" + i, EXP, NOW);
        }
        assertThat(store.get("pim.tokens." + r1 + ".c0")).hasSize(16).containsKey("t0").containsKey("t15");
        assertThat(store.get("pim.tokens." + r1 + ".c1")).hasSize(16).containsKey("t16");
        assertThat(store.get("pim.tokens." + r1 + ".c2")).hasSize(8).containsEntry("t39", Long.toString(EXP));
        assertThat(store.contains("pim.tokens." + r1 + ".c3")).isFalse();
        assertThat(ElevationTokens.revokeAll(store, revoked, r1, 0, ENDS_AT, NOW)).isEqualTo(40);
    }

    @Test
    void anExtendedElevationsTokensAreRevokedFromEveryGenerationEvenWhenAnEarlierOnesChunksExpired() {
        ElevationTokens.register(store, r1, 0, ENDS_AT, "before-extension", EXP, NOW);
        long extendedEnd = ENDS_AT + 3_600_000L;
        ElevationTokens.register(store, r1, 1, extendedEnd, "after-extension", EXP, NOW);
        ElevationTokens.register(store, r1, 2, extendedEnd + 3_600_000L, "after-second-extension", EXP, NOW);
        assertThat(store.lifespans.get("pim.tokens." + r1 + ".g1.c0")).as("the new generation lives until the new end").isEqualTo(7_200 + 120);

        assertThat(ElevationTokens.revokeAll(store, revoked, r1, 2, extendedEnd, NOW + 1_000)).isEqualTo(3);
        assertThat(revoked.revoked).containsOnlyKeys("before-extension", "after-extension", "after-second-extension");

        revoked.revoked.clear();
        store.entries.keySet().removeIf(key -> key.equals("pim.tokens." + r1 + ".c0") || key.endsWith(".ended"));
        assertThat(ElevationTokens.revokeAll(store, revoked, r1, 2, extendedEnd, NOW + 1_000))
                .as("the first generation's chunks expired with its tokens; the later ones are still read").isEqualTo(2);
    }

    @Test
    void tokensPastTheirExpAreLeftAlone() {
        ElevationTokens.register(store, r1, 0, ENDS_AT, "expired", NOW / 1000 + 5, NOW);
        ElevationTokens.register(store, r1, 0, ENDS_AT, "valid", EXP, NOW);

        assertThat(ElevationTokens.revokeAll(store, revoked, r1, 0, ENDS_AT, NOW + 60_000)).isEqualTo(1);
        assertThat(revoked.revoked).containsOnlyKeys("valid");
    }

    @Test
    void aShorterEndRevokesOnlyTokensThatWouldOutliveIt() {
        ElevationTokens.register(store, r1, 0, ENDS_AT, "short", NOW / 1000 + 30, NOW);
        ElevationTokens.register(store, r1, 0, ENDS_AT, "long", EXP, NOW);

        assertThat(ElevationTokens.revokeOutliving(store, revoked, r1, 0, NOW + 60_000, NOW)).isEqualTo(1);
        assertThat(revoked.revoked).containsOnlyKeys("long");
        assertThat(ElevationTokens.register(store, r1, 0, NOW + 60_000, "after-the-cut", NOW / 1000 + 60, NOW))
                .as("a shortening does not end the elevation").isTrue();
        assertThat(revoked.revoked).doesNotContainKey("after-the-cut");
    }

    @Test
    void aTokenWithoutAnIdIsNotTrackedButStillSeesAnEnd() {
        assertThat(ElevationTokens.register(store, r1, 0, ENDS_AT, null, EXP, NOW)).isTrue();
        assertThat(store.entries).isEmpty();
        ElevationTokens.revokeAll(store, revoked, r1, 0, ENDS_AT, NOW);
        assertThat(ElevationTokens.register(store, r1, 0, ENDS_AT, null, EXP, NOW)).isFalse();
    }

    @Test
    void aStoreThatLostItsChunksIsFilledFromTheStartAgain() {
        for (int i = 0; i < 20; i++) {
            ElevationTokens.register(store, r1, 0, ENDS_AT, "before-" + i, EXP, NOW);
        }
        MemoryStore wiped = new MemoryStore();

        ElevationTokens.register(wiped, r1, 0, ENDS_AT, "after", EXP, NOW + 1_000);

        assertThat(wiped.get("pim.tokens." + r1 + ".c0")).as("this node's chunk 1 was checked and dropped").containsOnlyKeys("after");
        assertThat(ElevationTokens.revokeAll(wiped, revoked, r1, 0, ENDS_AT, NOW + 2_000)).isEqualTo(1);
        assertThat(revoked.revoked).containsOnlyKeys("after");
    }

    @Test
    void aNodeFillsItsOwnChunkAndClaimsTheNextFreeOneAfterAnotherNodes() {
        ElevationTokens.register(store, r1, 0, ENDS_AT, "mine-0", EXP, NOW);
        // Another node took chunks 1 and 2.
        for (int chunk = 1; chunk <= 2; chunk++) {
            store.putIfAbsent("pim.tokens." + r1 + ".c" + chunk, 60);
            store.putNow("pim.tokens." + r1 + ".c" + chunk, 60, Map.of("theirs-" + chunk, Long.toString(EXP)));
        }

        for (int i = 1; i <= 16; i++) {
            ElevationTokens.register(store, r1, 0, ENDS_AT, "mine-" + i, EXP, NOW);
        }

        assertThat(store.get("pim.tokens." + r1 + ".c0")).hasSize(16).containsKey("mine-15");
        assertThat(store.get("pim.tokens." + r1 + ".c3")).containsOnlyKeys("mine-16");
        assertThat(ElevationTokens.revokeAll(store, revoked, r1, 0, ENDS_AT, NOW)).isEqualTo(19);
    }

    @Test
    void noTokenThatMayCarryTheRoleEscapesAnEndThatRacesWithIssuance() throws Exception {
        for (int round = 0; round < 20; round++) {
            MemoryStore raceStore = new MemoryStore();
            MemoryRevoked raceRevoked = new MemoryRevoked();
            String request = "race-" + round + "-" + UUID.randomUUID();
            int threads = 8;
            int perThread = 100;
            Map<String, Boolean> mayCarryRole = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        String token = "t" + thread + "-" + i;
                        mayCarryRole.put(token, ElevationTokens.register(raceStore, request, 0, ENDS_AT, token, EXP, NOW));
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

            assertThat(mayCarryRole).hasSize(threads * perThread);
            mayCarryRole.forEach((token, carries) -> {
                if (carries) {
                    assertThat(raceRevoked.revoked).as("a token that carries the role is revoked by the end").containsKey(token);
                }
            });
            int chunks = 0;
            int tokens = 0;
            while (raceStore.contains("pim.tokens." + request + ".c" + chunks)) {
                Map<String, String> chunk = raceStore.get("pim.tokens." + request + ".c" + chunks);
                tokens += chunk == null ? 0 : chunk.size();
                chunks++;
            }
            assertThat(tokens).as("contiguous chunks hold every token").isEqualTo(threads * perThread);
        }
    }
}
