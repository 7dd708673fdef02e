package io.msklambda.local.trigger;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Keeps track of the partitions a {@link Poller} owns. A partition new to the group starts at the starting position;
 * one that depends on the time (LATEST, AT_TIMESTAMP) is committed at once: if the partition moves to another
 * poller before its first batch, that one goes on from there rather than from a later end of the topic and loses
 * what came in between.
 */
final class PartitionOwnership implements ConsumerRebalanceListener {

    private final KafkaSource source;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ConnectionThrottle throttle;
    private final OffsetCommits commits;
    private final Map<TopicPartition, Long> startOffsets;
    private final GroupProgress progress;
    private final Consumer<Collection<TopicPartition>> revoked;
    private volatile Set<TopicPartition> owned = Set.of();

    /**
     * @param startOffsets shared by the trigger's pollers: where the group started in each partition
     * @param progress     shared by the trigger's pollers: how far they have got in each partition together
     * @param revoked      forgets what the poller holds of partitions it no longer owns
     */
    PartitionOwnership(
            KafkaSource source,
            KafkaConsumer<byte[], byte[]> consumer,
            ConnectionThrottle throttle,
            OffsetCommits commits,
            Map<TopicPartition, Long> startOffsets,
            GroupProgress progress,
            Consumer<Collection<TopicPartition>> revoked) {
        this.source = source;
        this.consumer = consumer;
        this.throttle = throttle;
        this.commits = commits;
        this.startOffsets = startOffsets;
        this.progress = progress;
        this.revoked = revoked;
    }

    /** The partitions owned now; read from other threads. */
    Set<TopicPartition> owned() {
        return owned;
    }

    /** Owns nothing any more: the poller's consumer is closed. */
    void clear() {
        owned = Set.of();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        revoked.accept(partitions);
        Set<TopicPartition> left = new HashSet<>(owned);
        left.removeAll(partitions);
        owned = Set.copyOf(left);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Set<TopicPartition> fresh = new HashSet<>();
        throttle.call(() -> consumer.committed(new HashSet<>(partitions), Poller.BROKER_CALL_TIMEOUT))
                .forEach((partition, offset) -> {
                    if (offset == null) {
                        fresh.add(partition);
                    }
                });
        if (source.startingPosition() == StartingPosition.AT_TIMESTAMP && !fresh.isEmpty()) {
            seekToTimestamp(fresh);
        }
        Map<TopicPartition, OffsetAndMetadata> starts = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long position = throttle.call(() -> consumer.position(partition, Poller.BROKER_CALL_TIMEOUT));
            commits.assigned(partition, position);
            startOffsets.putIfAbsent(partition, position);
            progress.advance(partition, position);
            if (fresh.contains(partition) && source.startingPosition() != StartingPosition.TRIM_HORIZON) {
                starts.put(partition, new OffsetAndMetadata(position));
            }
        }
        if (!starts.isEmpty()) {
            throttle.run(() -> consumer.commitSync(starts, Poller.BROKER_CALL_TIMEOUT));
        }
        Set<TopicPartition> now = new HashSet<>(owned);
        now.addAll(partitions);
        owned = Set.copyOf(now);
    }

    /** The first offset at or after the timestamp; the end of the partition when no record is that recent. */
    private void seekToTimestamp(Set<TopicPartition> partitions) {
        long timestamp = source.startingTimestamp().toEpochMilli();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, timestamp));
        Map<TopicPartition, OffsetAndTimestamp> found =
                throttle.call(() -> consumer.offsetsForTimes(query, Poller.BROKER_CALL_TIMEOUT));
        Map<TopicPartition, Long> ends =
                throttle.call(() -> consumer.endOffsets(partitions, Poller.BROKER_CALL_TIMEOUT));
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp at = found.get(partition);
            consumer.seek(partition, at != null ? at.offset() : ends.get(partition));
        }
    }
}
