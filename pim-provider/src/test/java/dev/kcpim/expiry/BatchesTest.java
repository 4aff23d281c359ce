package dev.kcpim.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BatchesTest {

    private static List<Integer> items(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static List<Integer> sizes(List<List<Integer>> batches) {
        return batches.stream().map(List::size).toList();
    }

    @Nested
    class Split {
        @Test
        void aFullWaveGivesEveryThreadAFullBatch() {
            assertThat(sizes(Batches.split(items(2000), 4, 500))).containsExactly(500, 500, 500, 500);
        }

        @Test
        void rowsBeyondTheWaveAreLeftForTheNextOne() {
            List<List<Integer>> batches = Batches.split(items(2100), 4, 500);
            assertThat(sizes(batches)).containsExactly(500, 500, 500, 500);
            assertThat(batches.get(3).get(499)).isEqualTo(1999);
        }

        @Test
        void aPartialWaveIsSpreadEvenly() {
            assertThat(sizes(Batches.split(items(600), 4, 500))).containsExactly(150, 150, 150, 150);
        }

        @Test
        void fewRowsStayInOneBatch() {
            assertThat(sizes(Batches.split(items(30), 4, 500))).containsExactly(30);
            assertThat(sizes(Batches.split(items(120), 4, 500))).containsExactly(60, 60);
        }

        @Test
        void everyRowExactlyOnceInOrder() {
            List<List<Integer>> batches = Batches.split(items(1234), 3, 500);
            assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(items(1234));
            assertThat(batches).allSatisfy(b -> assertThat(b.size()).isLessThanOrEqualTo(500));
        }

        @Test
        void nothingDueNoBatch() {
            assertThat(Batches.split(items(0), 4, 500)).isEmpty();
        }

        @Test
        void oneThreadBatchesOfAtMostTheMaximum() {
            assertThat(sizes(Batches.split(items(700), 1, 500))).containsExactly(500);
        }
    }

    @Nested
    class WakeUp {
        @Test
        void atTheDueInstantWhenThePeriodicRunWouldBeLate() {
            assertThat(Batches.wakeUpAt(1_003_000L, 1_000_000L, 10_000)).isEqualTo(1_003_000L);
        }

        @Test
        void notForWhatALaterPeriodicRunSeesInTime() {
            assertThat(Batches.wakeUpAt(1_020_000L, 1_000_000L, 10_000)).isNull();
        }

        @Test
        void nothingDueNoWakeUp() {
            assertThat(Batches.wakeUpAt(null, 1_000_000L, 10_000)).isNull();
        }

        @Test
        void neverInThePast() {
            assertThat(Batches.wakeUpAt(999_000L, 1_000_000L, 10_000)).isEqualTo(1_000_000L);
        }
    }
}
