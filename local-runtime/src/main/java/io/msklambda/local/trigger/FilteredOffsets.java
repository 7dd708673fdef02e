package io.msklambda.local.trigger;

import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where records that the {@link FilterCriteria} dropped may be committed: past the last one dropped in each
 * partition, but never past a record of that partition that is still waiting to be delivered (then only up to it),
 * or a crash would skip it. Forgotten when the trigger moves back ({@link #clear()}): the dropped records come again.
 */
final class FilteredOffsets {

    private final Map<TopicPartition, Long> next = new HashMap<>();

    void dropped(ConsumerRecord<byte[], byte[]> record) {
        next.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
    }

    /** The offsets now safe to commit, forgotten once returned; none for a partition with a record still pending. */
    Map<TopicPartition, OffsetAndMetadata> committable(
            List<ConsumerRecord<byte[], byte[]>> pending, Map<TopicPartition, Long> committed) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (Iterator<Map.Entry<TopicPartition, Long>> it = next.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<TopicPartition, Long> entry = it.next();
            TopicPartition partition = entry.getKey();
            long firstWaiting = pending.stream()
                    .filter(record -> record.partition() == partition.partition()
                            && record.topic().equals(partition.topic()))
                    .mapToLong(ConsumerRecord::offset)
                    .min()
                    .orElse(Long.MAX_VALUE);
            long safe = Math.min(entry.getValue(), firstWaiting);
            if (safe > committed.getOrDefault(partition, 0L)) {
                offsets.put(partition, new OffsetAndMetadata(safe));
            }
            if (safe == entry.getValue()) {
                it.remove();
            }
        }
        return offsets;
    }

    /** The trigger went back (a rewind): what was dropped will be read, and dropped, again. */
    void clear() {
        next.clear();
    }

    /** The partitions moved to another poller, which reads their dropped records again. */
    void forget(Collection<TopicPartition> partitions) {
        next.keySet().removeAll(partitions);
    }
}
