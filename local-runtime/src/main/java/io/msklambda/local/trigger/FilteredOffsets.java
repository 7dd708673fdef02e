package io.msklambda.local.trigger;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where records that the {@link FilterCriteria} dropped may be committed: past the last one dropped in each
 * partition, but never past a record of that partition that is still waiting to be delivered, or a crash would
 * skip it.
 */
final class FilteredOffsets {

    private final Map<TopicPartition, Long> next = new HashMap<>();

    void dropped(ConsumerRecord<byte[], byte[]> record) {
        next.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
    }

    /** The offsets now safe to commit, forgotten once returned; none for a partition with a record still pending. */
    Map<TopicPartition, OffsetAndMetadata> committable(List<ConsumerRecord<byte[], byte[]>> pending,
                                                       Map<TopicPartition, Long> committed) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (Iterator<Map.Entry<TopicPartition, Long>> it = next.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<TopicPartition, Long> entry = it.next();
            TopicPartition partition = entry.getKey();
            boolean waiting = pending.stream().anyMatch(record -> record.partition() == partition.partition()
                && record.topic().equals(partition.topic()) && record.offset() < entry.getValue());
            if (waiting) {
                continue;
            }
            if (entry.getValue() > committed.getOrDefault(partition, 0L)) {
                offsets.put(partition, new OffsetAndMetadata(entry.getValue()));
            }
            it.remove();
        }
        return offsets;
    }
}
