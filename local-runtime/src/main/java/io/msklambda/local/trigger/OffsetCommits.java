package io.msklambda.local.trigger;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RetriableCommitFailedException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * A {@link Poller}'s committed offsets: where the group stands in each of the poller's partitions, and the offsets
 * that wait for a rebalance to end before they can be committed. Used on the poller's thread only, as its consumer.
 */
final class OffsetCommits {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ConnectionThrottle throttle;
    private final GroupProgress progress;
    private final BooleanSupplier aborted;
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();

    /** @param progress shared by the trigger's pollers: every commit advances it */
    OffsetCommits(
            KafkaConsumer<byte[], byte[]> consumer,
            ConnectionThrottle throttle,
            GroupProgress progress,
            BooleanSupplier aborted) {
        this.consumer = consumer;
        this.throttle = throttle;
        this.progress = progress;
        this.aborted = aborted;
    }

    /** The committed offset of each partition the poller has owned, as far as it knows. */
    Map<TopicPartition, Long> committed() {
        return committed;
    }

    /** Where a partition newly assigned to the poller stands: its committed offset or its starting position. */
    void assigned(TopicPartition partition, long position) {
        committed.put(partition, position);
    }

    /** Whether no offset waits for a rebalance to end. */
    boolean noneWaiting() {
        return uncommitted.isEmpty();
    }

    /**
     * Commits, again and again while the group's coordinator moves (a broker went down), as the mapping would. During
     * a rebalance the offsets wait for the next round of the loop; offsets of partitions that moved to another poller
     * are dropped: it reads them again, and the consumer's writes make that harmless.
     */
    void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        while (true) {
            try {
                throttle.run(() -> consumer.commitSync(offsets, Poller.BROKER_CALL_TIMEOUT));
                offsets.forEach((partition, offset) -> {
                    committed.merge(partition, offset.offset(), Math::max);
                    progress.advance(partition, offset.offset());
                });
                offsets.keySet().forEach(uncommitted::remove);
                return;
            } catch (TimeoutException | RetriableCommitFailedException e) {
                if (aborted.getAsBoolean()) {
                    throw new WakeupException();
                }
            } catch (RebalanceInProgressException e) {
                offsets.forEach((partition, offset) ->
                        uncommitted.merge(partition, offset, (a, b) -> a.offset() >= b.offset() ? a : b));
                return;
            } catch (CommitFailedException e) {
                offsets.keySet().forEach(uncommitted::remove);
                return;
            }
        }
    }

    /** Commits the offsets that waited for a rebalance, of the partitions the poller still owns. */
    void flush(Set<TopicPartition> owned) {
        uncommitted.keySet().retainAll(owned);
        if (!uncommitted.isEmpty()) {
            commit(new HashMap<>(uncommitted));
        }
    }

    /** The records of the poller's partitions after their committed offsets, by {@code end}. */
    long lagOf(Map<TopicPartition, Long> end) {
        long total = 0;
        for (TopicPartition partition : consumer.assignment()) {
            if (end.containsKey(partition)) {
                total += Math.max(0, end.get(partition) - committed.getOrDefault(partition, 0L));
            }
        }
        return total;
    }
}
