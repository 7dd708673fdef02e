package io.msklambda.local.trigger;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One of the mapping's pollers: a consumer in the trigger's group that owns some of the topic's partitions and
 * invokes the function with one batch at a time, in an execution environment of its own. So a partition never has
 * two batches in flight and comes in offset order, while batches of partitions owned by different pollers run at the
 * same time, as the mapping runs them (https://docs.aws.amazon.com/lambda/latest/dg/kafka-scaling-modes.html).
 *
 * <p>Records are gathered until the batch size, the batching window or the 6 MB payload limit is reached; a batch may
 * hold records of several of the poller's partitions. Offsets are committed once the {@link BatchProcessor} is done
 * with the batch: delivered, or given up on by the mapping's error handling ({@link OffsetCommits}). The partitions
 * it owns, and where each starts, follow the group's rebalances ({@link PartitionOwnership}).
 */
final class Poller implements Runnable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final long LAG_EVERY_NANOS = 500_000_000L;
    /**
     * How long one look-up of the end offsets or one commit may take before it is tried again: short, so that a
     * broker that is down (a fault) delays the trigger rather than ending it with the client's 60 s default.
     */
    static final Duration BROKER_CALL_TIMEOUT = Duration.ofSeconds(5);

    private final TriggerOptions options;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final BatchProcessor processor;
    private final Delivered delivered;
    private final Map<TopicPartition, Long> startOffsets;
    private final GroupProgress progress;
    private final Redelivery redelivery;
    private final BooleanSupplier settled;
    private final PrintWriter log;
    private final List<ConsumerRecord<byte[], byte[]>> pending = new ArrayList<>();
    private final FilteredOffsets filtered = new FilteredOffsets();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile boolean aborted;
    /** Every call to the brokers goes through it: each may open a connection, which the broker may refuse for its rate. */
    private final ConnectionThrottle throttle;

    private final OffsetCommits commits;
    private final PartitionOwnership ownership;
    private volatile int pendingRecords;
    private volatile long lag = -1;
    private volatile Exception failure;
    private long lastLagCheck;
    private long windowStart;

    /**
     * @param startOffsets shared by the trigger's pollers: where the group started in each partition
     * @param progress     shared by the trigger's pollers: how far they have got in each partition together
     * @param settled      whether the group has spread the partitions over the pollers: no batch goes out before
     */
    Poller(
            TriggerOptions options,
            BatchProcessor processor,
            Delivered delivered,
            Map<TopicPartition, Long> startOffsets,
            GroupProgress progress,
            BooleanSupplier settled,
            Redelivery redelivery,
            PrintWriter log) {
        this.options = options;
        this.settled = settled;
        this.processor = processor;
        this.delivered = delivered;
        this.startOffsets = startOffsets;
        this.progress = progress;
        this.redelivery = redelivery;
        this.log = log;
        this.throttle = new ConnectionThrottle("poller", () -> aborted, log);
        this.consumer = new KafkaConsumer<>(
                options.source().consumerConfig(options.batching().batchSize()));
        this.commits = new OffsetCommits(consumer, throttle, progress, () -> aborted);
        this.ownership = new PartitionOwnership(
                options.source(), consumer, throttle, commits, startOffsets, progress, this::forget);
    }

    /** The partitions in the topic, as the cluster's metadata has them now. */
    int partitionCount() {
        return throttle.call(() -> consumer.partitionsFor(options.source().topic(), BROKER_CALL_TIMEOUT))
                .size();
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(options.source().topic()), ownership);
            while (!aborted) {
                boolean draining = stopping;
                ConsumerRecords<byte[], byte[]> polled = throttle.call(() -> consumer.poll(POLL));
                gather(polled);
                if (readyToDeliver(draining) && !deliver(nextBatch())) {
                    break;
                }
                pendingRecords = pending.size();
                commitDropped();
                commits.flush(ownership.owned());
                // measured only once nothing is left to read after stop() was seen: a look-up of the end offsets per
                // batch would slow the drain to a crawl, and one before stop() could miss the last records
                boolean caughtUp = draining && pending.isEmpty() && polled.isEmpty() && commits.noneWaiting();
                if (caughtUp && everyPartitionDone()) {
                    break;
                }
                updateLag();
            }
        } catch (WakeupException e) {
            // abort() woke a blocking call: the loop ends as aborted
        } catch (TriggerFailedException e) {
            failure = e;
        } catch (RuntimeException | Error e) {
            failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.toString(), e);
            log.println("trigger: stopped by " + e);
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } finally {
                ownership.clear();
                finished.countDown();
            }
        }
    }

    void stop() {
        stopping = true;
    }

    void abort() {
        aborted = true;
        processor.abort();
        if (finished.getCount() > 0) {
            consumer.wakeup(); // the one KafkaConsumer method another thread may call
        }
    }

    /** Closes the consumer of a poller that never ran. */
    void closeUnstarted() {
        consumer.close(Duration.ofSeconds(5));
    }

    Set<TopicPartition> owned() {
        return ownership.owned();
    }

    int pendingRecords() {
        return pendingRecords;
    }

    long lag() {
        return lag;
    }

    Exception failure() {
        return failure;
    }

    BatchProcessor processor() {
        return processor;
    }

    /** Adds what the filter lets through to the records waiting for a batch; the rest is dropped and counted. */
    private void gather(ConsumerRecords<byte[], byte[]> polled) {
        for (ConsumerRecord<byte[], byte[]> record : polled) {
            if (!options.filter().matches(record.value())) {
                delivered.filter(record);
                filtered.dropped(record);
                continue;
            }
            if (pending.isEmpty()) {
                windowStart = System.nanoTime();
            }
            pending.add(record);
        }
    }

    private boolean readyToDeliver(boolean draining) {
        boolean windowOver = System.nanoTime() - windowStart
                >= options.batching().batchingWindow().toNanos();
        return !pending.isEmpty()
                && (pending.size() >= options.batching().batchSize() || windowOver || draining)
                && settled.getAsBoolean();
    }

    /** Up to the batch size, cut short before the event would pass the payload limit. */
    private List<ConsumerRecord<byte[], byte[]>> nextBatch() {
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
        long bytes = 256;
        for (ConsumerRecord<byte[], byte[]> record : pending) {
            long size = MskEventJson.sizeInEvent(record);
            if (batch.size() == options.batching().batchSize()
                    || !batch.isEmpty() && bytes + size > Batching.MAX_PAYLOAD_BYTES) {
                break;
            }
            batch.add(record);
            bytes += size;
        }
        pending.subList(0, batch.size()).clear();
        return batch;
    }

    /** Hands the batch to the processor and commits it once done with; false if aborted before that. */
    private boolean deliver(List<ConsumerRecord<byte[], byte[]>> batch) {
        pendingRecords = batch.size() + pending.size();
        if (!processor.process(batch)) {
            return false;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            offsets.merge(
                    new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        commits.commit(offsets);
        windowStart = System.nanoTime();
        // no rewind once draining: at a partition's tail every batch would be followed by one, and it never ends
        if (redelivery.due() && !stopping) {
            rewind(batch.size());
        }
        return true;
    }

    private void commitDropped() {
        Map<TopicPartition, OffsetAndMetadata> droppedUpTo = filtered.committable(pending, commits.committed());
        if (!droppedUpTo.isEmpty()) {
            commits.commit(droppedUpTo);
        }
    }

    /** Drops what waits for a batch from partitions the poller no longer owns: their new owner reads them again. */
    private void forget(Collection<TopicPartition> partitions) {
        pending.removeIf(record -> partitions.contains(new TopicPartition(record.topic(), record.partition())));
        filtered.forget(partitions);
    }

    /** Moves every partition back by a random part of a batch: committed records come again, cut differently. */
    private void rewind(int lastBatchSize) {
        pending.clear();
        filtered.clear();
        for (TopicPartition partition : consumer.assignment()) {
            Long known = commits.committed().get(partition);
            long position = known != null ? known : consumer.position(partition);
            long back = redelivery.stepBack(lastBatchSize);
            consumer.seek(partition, Math.max(startOffsets.getOrDefault(partition, 0L), position - back));
        }
    }

    /**
     * Whether the pollers together are done with every partition of the topic up to its end offset now; measures this
     * poller's lag on the way. Its own partitions being done is not enough to end ({@link GroupProgress}): until every
     * partition is, it stays in the group and polls, and may yet be given a partition that is between owners.
     */
    private boolean everyPartitionDone() {
        Map<TopicPartition, Long> end;
        try {
            end = throttle.call(() -> consumer.endOffsets(progress.partitions(), BROKER_CALL_TIMEOUT));
        } catch (TimeoutException e) {
            return false; // a partition without a leader for now (a broker down): not known to be done
        }
        lastLagCheck = System.nanoTime();
        lag = commits.lagOf(end);
        return progress.reached(end);
    }

    /** Measures the lag at most every half second. */
    private void updateLag() {
        long time = System.nanoTime();
        Set<TopicPartition> assigned = consumer.assignment();
        if (time - lastLagCheck < LAG_EVERY_NANOS || assigned.isEmpty()) {
            return;
        }
        lastLagCheck = time;
        try {
            lag = commits.lagOf(throttle.call(() -> consumer.endOffsets(assigned, BROKER_CALL_TIMEOUT)));
        } catch (TimeoutException e) {
            // a partition without a leader for now (a broker down): the last lag stands
        }
    }
}
