package dev.kcpim.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcpim.jpa.UserRoleMappingStore.Pair;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingBatchTest {
    private static final Pair HELD = new Pair("u1", "r1");
    private static final Pair GONE = new Pair("u2", "r1");
    private static final Pair OTHER = new Pair("u3", "r2");

    private final MappingBatch batch = new MappingBatch(List.of(HELD, GONE), List.of(HELD, OTHER));

    @Test
    void aMappingTheUserStillHoldsIsDeferred() {
        assertThat(batch.defer(HELD)).isTrue();
        assertThat(batch.deferred()).containsExactly(HELD);
    }

    @Test
    void aMappingAlreadyGoneIsNotRemoved() {
        assertThat(batch.defer(GONE)).isFalse();
        assertThat(batch.deferred()).isEmpty();
    }

    @Test
    void aMappingOutsideTheBatchIsLeftToTheCaller() {
        assertThat(batch.defer(OTHER)).as("existing, but not the batch's").isNull();
        assertThat(batch.defer(new Pair("u9", "r9"))).isNull();
        assertThat(batch.deferred()).isEmpty();
    }

    @Test
    void askedTwiceTheSecondFindsItGone() {
        assertThat(batch.defer(HELD)).isTrue();
        assertThat(batch.defer(HELD)).isFalse();
        assertThat(batch.deferred()).containsExactly(HELD);
    }
}
