package io.msklambda.local.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Offsets of records the filter dropped are committed only where no record still waits to be delivered. */
class FilteredOffsetsTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    private static ConsumerRecord<byte[], byte[]> record(int partition, long offset) {
        return new ConsumerRecord<>("t", partition, offset, null, new byte[0]);
    }

    @Test
    void droppedRecordsAreCommittedPastTheLastOneWhenNothingWaits() {
        FilteredOffsets filtered = new FilteredOffsets();
        filtered.dropped(record(0, 10));
        filtered.dropped(record(0, 11));
        filtered.dropped(record(1, 3));

        assertThat(filtered.committable(List.of(), Map.of()))
                .isEqualTo(Map.of(P0, new OffsetAndMetadata(12), P1, new OffsetAndMetadata(4)));
        assertThat(filtered.committable(List.of(), Map.of())).isEmpty();
    }

    @Test
    void aRecordStillWaitingHoldsTheCommitAtItsOffsetUntilItIsDelivered() {
        // Given p0@8 waiting to be delivered and p0@10 dropped
        FilteredOffsets filtered = new FilteredOffsets();
        filtered.dropped(record(0, 10));
        List<ConsumerRecord<byte[], byte[]>> pending = new ArrayList<>(List.of(record(0, 8), record(0, 9)));

        // Then only up to the waiting record may be committed, and the rest once it is delivered
        assertThat(filtered.committable(pending, Map.of(P0, 5L))).isEqualTo(Map.of(P0, new OffsetAndMetadata(8)));
        pending.clear();
        assertThat(filtered.committable(pending, Map.of(P0, 10L))).isEqualTo(Map.of(P0, new OffsetAndMetadata(11)));
    }

    @Test
    void nothingIsCommittedBelowWhatIsCommittedAlreadyOrAfterTheTriggerWentBack() {
        FilteredOffsets filtered = new FilteredOffsets();
        filtered.dropped(record(0, 4));
        assertThat(filtered.committable(List.of(), Map.of(P0, 9L))).isEmpty();

        filtered.dropped(record(0, 20));
        filtered.clear(); // a rewind: records 8..19 come again and are not delivered yet
        assertThat(filtered.committable(List.of(), Map.of(P0, 8L))).isEmpty();
    }
}
