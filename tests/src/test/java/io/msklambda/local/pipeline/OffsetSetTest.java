package io.msklambda.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link OffsetSet} is package-private, so its test lives in its package. It keeps one bit per offset in chunks of
 * 65,536 offsets; the offsets here sit on both sides of a chunk's edge and far from zero, as on a long-lived topic.
 */
class OffsetSetTest {

    private static final long LAST_OF_FIRST_CHUNK = 65_535;
    private static final long FIRST_OF_SECOND_CHUNK = 65_536;
    private static final long FAR_FROM_ZERO = 10_000_000_000L;

    @Test
    void addingAPositionTwiceCountsItOnce() {
        // Given
        OffsetSet set = new OffsetSet();

        // When
        boolean first = set.add(0, 42);
        boolean again = set.add(0, 42);

        // Then
        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(set.size()).isEqualTo(1);
    }

    @Test
    void sameOffsetOnTwoPartitionsIsTwoPositions() {
        OffsetSet set = new OffsetSet();

        set.add(0, 7);
        set.add(1, 7);

        assertThat(set.size()).isEqualTo(2);
        assertThat(set.contains(0, 7)).isTrue();
        assertThat(set.contains(1, 7)).isTrue();
        assertThat(set.contains(2, 7)).isFalse();
    }

    @Test
    void offsetsEitherSideOfAChunkEdgeAndFarFromZeroAreKeptApart() {
        // Given the last offset of the first chunk, the first of the second, and one ten billion records in
        OffsetSet set = new OffsetSet();
        set.add(3, LAST_OF_FIRST_CHUNK);
        set.add(3, FIRST_OF_SECOND_CHUNK);
        set.add(3, FAR_FROM_ZERO);

        // Then each is there, and its neighbours (and the same bit in the neighbouring chunks) are not
        assertThat(set.size()).isEqualTo(3);
        assertThat(set.contains(3, LAST_OF_FIRST_CHUNK)).isTrue();
        assertThat(set.contains(3, FIRST_OF_SECOND_CHUNK)).isTrue();
        assertThat(set.contains(3, FAR_FROM_ZERO)).isTrue();
        assertThat(set.contains(3, LAST_OF_FIRST_CHUNK - 1)).isFalse();
        assertThat(set.contains(3, FIRST_OF_SECOND_CHUNK + 1)).isFalse();
        assertThat(set.contains(3, 0)).isFalse();
        assertThat(set.contains(3, LAST_OF_FIRST_CHUNK + FIRST_OF_SECOND_CHUNK)).isFalse();
        assertThat(set.contains(3, FAR_FROM_ZERO - 1)).isFalse();
        assertThat(set.contains(3, FAR_FROM_ZERO + 1)).isFalse();
        assertThat(set.contains(3, FAR_FROM_ZERO - FIRST_OF_SECOND_CHUNK)).isFalse();
        assertThat(set.contains(3, FAR_FROM_ZERO + FIRST_OF_SECOND_CHUNK)).isFalse();
    }

    @Test
    void repeatAcrossAChunkEdgeIsStillARepeat() {
        OffsetSet set = new OffsetSet();
        set.add(0, FIRST_OF_SECOND_CHUNK);
        set.add(0, FAR_FROM_ZERO);

        assertThat(set.add(0, FIRST_OF_SECOND_CHUNK)).isFalse();
        assertThat(set.add(0, FAR_FROM_ZERO)).isFalse();
        assertThat(set.add(0, LAST_OF_FIRST_CHUNK)).isTrue();
        assertThat(set.size()).isEqualTo(3);
    }

    @Test
    void emptySetContainsNothing() {
        OffsetSet set = new OffsetSet();

        assertThat(set.size()).isZero();
        assertThat(set.contains(0, 0)).isFalse();
        assertThat(set.countMissingFrom(new OffsetSet())).isZero();
    }

    @Test
    void countMissingFromCountsPositionsTheOtherSetLacks() {
        // Given acknowledged positions on two partitions, in several chunks
        OffsetSet acknowledged = new OffsetSet();
        acknowledged.add(0, 1);
        acknowledged.add(0, LAST_OF_FIRST_CHUNK);
        acknowledged.add(0, FIRST_OF_SECOND_CHUNK);
        acknowledged.add(1, FAR_FROM_ZERO);
        acknowledged.add(1, FAR_FROM_ZERO + 1);
        // and delivered ones that lack offset 65536 of partition 0 and 10,000,000,001 of partition 1, have 65536 on
        // the wrong partition, and have an extra position the acknowledged set does not
        OffsetSet delivered = new OffsetSet();
        delivered.add(0, 1);
        delivered.add(0, LAST_OF_FIRST_CHUNK);
        delivered.add(1, FIRST_OF_SECOND_CHUNK);
        delivered.add(1, FAR_FROM_ZERO);
        delivered.add(2, 5);

        // When / Then each way, only what the other set lacks counts
        assertThat(acknowledged.countMissingFrom(delivered)).isEqualTo(2);
        assertThat(delivered.countMissingFrom(acknowledged)).isEqualTo(2);
    }

    @Test
    void setLacksNothingFromItself() {
        OffsetSet set = new OffsetSet();
        set.add(0, LAST_OF_FIRST_CHUNK);
        set.add(0, FIRST_OF_SECOND_CHUNK);
        set.add(4, FAR_FROM_ZERO);

        assertThat(set.countMissingFrom(set)).isZero();
        assertThat(set.countMissingFrom(new OffsetSet())).isEqualTo(3);
    }
}
