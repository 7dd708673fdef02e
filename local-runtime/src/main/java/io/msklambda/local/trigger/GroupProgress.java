package io.msklambda.local.trigger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the trigger's pollers together have got in each partition of the topic: the offset before which every
 * record is done with (delivered, given up or filtered) and committed, by whichever poller owned the partition then.
 * Shared by the pollers, since the drain is over only when this has reached the end of every partition.
 *
 * <p>No poller can tell that from the partitions it owns: in a cooperative rebalance a partition is revoked from one
 * poller in one round and assigned to another in the next, and in between no poller owns it, so no poller's lag counts
 * its records. A poller that ended then, its own partitions done, left that partition's last records undelivered.
 */
final class GroupProgress {

    private final Map<TopicPartition, Long> doneBefore = new ConcurrentHashMap<>();
    private volatile List<TopicPartition> partitions = List.of();

    /** The topic's partitions, once the trigger knows them and before a poller starts. */
    void expect(String topic, int partitionCount) {
        partitions = IntStream.range(0, partitionCount)
                .mapToObj(p -> new TopicPartition(topic, p))
                .toList();
    }

    List<TopicPartition> partitions() {
        return partitions;
    }

    /** Everything before {@code offset} is done with; an offset below what is known already changes nothing. */
    void advance(TopicPartition partition, long offset) {
        doneBefore.merge(partition, offset, Math::max);
    }

    /** Whether every partition is done with up to its end offset (a partition no poller has owned yet is not). */
    boolean reached(Map<TopicPartition, Long> endOffsets) {
        return !partitions.isEmpty()
                && partitions.stream()
                        .allMatch(partition -> endOffsets.containsKey(partition)
                                && doneBefore.getOrDefault(partition, -1L) >= endOffsets.get(partition));
    }
}
