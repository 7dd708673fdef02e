package io.msklambda.local.trigger;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RetriableCommitFailedException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Emulates the MSK trigger (Lambda's Kafka event source mapping) in front of a handler: a consumer group
 * reads the topic; records are gathered until the batch size, the batching window or the 6 MB payload limit is
 * reached; the batch is written as the trigger writes its event ({@link MskEventJson}) and reaches the handler
 * through the Lambda runtime's deserialization. Offsets are committed only after the handler succeeded; a
 * failed batch is retried as it was, after a {@link RetryBackoff}, until it succeeds or {@code maxRetries} retries
 * failed ({@link TriggerOptions#INFINITE_RETRIES}, the mapping's default, never gives up); then the trigger stops with
 * the offsets uncommitted (nothing is lost). One consumer keeps every partition in offset order.
 * {@link #stop()} drains, then ends; {@link #abort()} ends soon, also in the middle of endless retries.
 * {@code MaximumRecordAgeInSeconds} is not emulated: a local record does not expire.
 *
 * <p>A fault option rewinds the group now and then, so that already committed records come again in batches
 * with other boundaries, as the real trigger may deliver them.
 */
public final class MskTrigger implements Runnable, AutoCloseable {

    /** The function behind the trigger. */
    @FunctionalInterface
    public interface Function {
        void invoke(KafkaEvent event) throws Exception;
    }

    private static final Duration POLL = Duration.ofMillis(100);
    private static final long LAG_EVERY_NANOS = 500_000_000L;
    /**
     * How long one look-up of the end offsets or one commit may take before it is tried again: short, so that a
     * broker that is down (a fault) delays the trigger rather than ending it with the client's 60 s default.
     */
    private static final Duration BROKER_CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final TriggerOptions options;
    private final MskEventJson events;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Delivered delivered = new Delivered();
    private final int redeliverEvery;
    private final SplittableRandom random;
    private final PrintWriter log;
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final List<ConsumerRecord<byte[], byte[]>> pending = new ArrayList<>();
    private final RetryAccount retries;
    private final BatchInvoker invoker;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final FilteredOffsets filtered = new FilteredOffsets();
    private final Map<TopicPartition, Long> startOffsets = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean started;
    private volatile boolean stopping;
    private volatile boolean aborted;
    private volatile int pendingRecords;
    private volatile long lag = -1;
    private volatile Exception failure;
    private long lastLagCheck;
    private long successfulBatches;

    /**
     * @param redeliverEvery after every this many successful batches, rewind and redeliver committed records
     *                       with shifted boundaries; 0 for never
     */
    public MskTrigger(TriggerOptions options, Function function, int redeliverEvery, long seed, PrintWriter log) {
        this.options = options;
        this.events = new MskEventJson(options.eventSourceArn(), options.bootstrapServers());
        this.redeliverEvery = redeliverEvery;
        this.random = new SplittableRandom(seed);
        this.log = log;
        this.retries = new RetryAccount(log, System::nanoTime);
        this.invoker = new BatchInvoker(function, options.maxRetries(), options.retryBackoff(), retries);
        this.consumer = new KafkaConsumer<>(options.consumerConfig());
    }

    /**
     * Reads and delivers until {@link #stop()} and nothing is left, until {@link #abort()}, or until a batch fails
     * past its retries.
     */
    @Override
    public void run() {
        started = true;
        try {
            consumer.subscribe(List.of(options.topic()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    pending.clear();
                    filtered.clear();
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // position() fixes where each partition starts (for LATEST: its end offset now) before
                    // awaitAssignment returns, so that every record produced after that is read
                    for (TopicPartition partition : partitions) {
                        committed.put(partition, consumer.position(partition));
                        startOffsets.putIfAbsent(partition, committed.get(partition));
                    }
                    if (!partitions.isEmpty()) {
                        positioned.countDown();
                    }
                }
            });
            long windowStart = 0;
            while (!aborted) {
                boolean draining = stopping;
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
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
                boolean windowOver = System.nanoTime() - windowStart >= options.batchingWindow().toNanos();
                if (!pending.isEmpty() && (pending.size() >= options.batchSize() || windowOver || draining)) {
                    if (!deliver(nextBatch())) {
                        break;
                    }
                    windowStart = System.nanoTime();
                }
                pendingRecords = pending.size();
                Map<TopicPartition, OffsetAndMetadata> droppedUpTo = filtered.committable(pending, committed);
                if (!droppedUpTo.isEmpty()) {
                    commitOffsets(droppedUpTo);
                }
                // the lag must be measured after stop() was seen, or records written just before it would be left;
                // but only once nothing is left to read (a look-up of the end offsets per batch slows the drain
                // to a crawl)
                boolean caughtUp = draining && pending.isEmpty() && polled.isEmpty();
                if (updateLag(caughtUp) && caughtUp && lag == 0) {
                    break;
                }
            }
        } catch (WakeupException e) {
            // abort() woke a blocking call: the loop ends as aborted
        } catch (TriggerFailedException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = e;
            log.println("trigger: stopped by " + e);
        } finally {
            positioned.countDown(); // no caller of awaitAssignment waits for a trigger that has ended
            try {
                consumer.close(Duration.ofSeconds(5));
            } finally {
                finished.countDown();
            }
        }
    }

    /** Delivers what is left, then ends {@link #run()}; a failing batch is retried for as long as allowed. */
    public void stop() {
        stopping = true;
    }

    /**
     * Ends {@link #run()} soon without delivering what is left: at once in a wait between retries, else after the
     * invocation or poll under way. The unfinished batch and all after it stay uncommitted for the next trigger on
     * the group; {@link #pendingBatchRecords()} and {@link #lag()} say how much that is.
     */
    public void abort() {
        aborted = true;
        invoker.abort();
        if (finished.getCount() > 0) {
            consumer.wakeup(); // the one KafkaConsumer method another thread may call
        }
    }

    public boolean aborted() {
        return aborted;
    }

    /**
     * Waits until the consumer group has its partitions and knows where it starts in each (for
     * {@link StartingPosition#LATEST}, their end offsets at that moment): every record produced after this returned
     * true is delivered.
     *
     * @return false if that did not happen within the timeout, or the trigger ended first ({@link #failure()})
     */
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        return positioned.await(timeout.toNanos(), TimeUnit.NANOSECONDS) && !startOffsets.isEmpty();
    }

    /**
     * Where the group started in each partition when it was first assigned (its committed offsets, or the
     * starting position's): the records from there on are the ones this trigger is to deliver.
     */
    public Map<TopicPartition, Long> startOffsets() {
        return Map.copyOf(startOffsets);
    }

    /** Records read but not delivered: the batch being tried and those gathered after it. */
    public int pendingBatchRecords() {
        return pendingRecords;
    }

    /** Records on the topic not yet committed by the group; -1 until first known. */
    public long lag() {
        return lag;
    }

    public long invocations() {
        return invoker.invocations();
    }

    /** Invocations of batches that had failed before. */
    public long retries() {
        return retries.retries();
    }

    /** Invocations that failed. */
    public long failedAttempts() {
        return retries.failedAttempts();
    }

    /** Batches that failed at least once. */
    public long failedBatches() {
        return retries.failedBatches();
    }

    /** The longest time from a batch's first failure to its success; zero if none recovered. */
    public Duration longestRecovery() {
        return retries.longestRecovery();
    }

    /** Why the trigger stopped early, if it did. */
    public Exception failure() {
        return failure;
    }

    public Delivered delivered() {
        return delivered;
    }

    /**
     * Aborts a running trigger and waits until it has ended and closed its consumer (on its own thread: a
     * {@link KafkaConsumer} is not to be used by two); closes the consumer of one that never ran.
     *
     * @throws IllegalStateException if the trigger's thread did not end in time
     */
    @Override
    public void close() {
        if (!started) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        abort();
        try {
            if (!finished.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the trigger's thread did not end within " + CLOSE_TIMEOUT.toSeconds()
                    + " s of being aborted");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Up to the batch size, cut short before the event would pass the payload limit. */
    private List<ConsumerRecord<byte[], byte[]>> nextBatch() {
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
        long bytes = 256;
        for (ConsumerRecord<byte[], byte[]> record : pending) {
            long size = MskEventJson.sizeInEvent(record);
            if (batch.size() == options.batchSize() || !batch.isEmpty() && bytes + size > TriggerOptions.MAX_PAYLOAD_BYTES) {
                break;
            }
            batch.add(record);
            bytes += size;
        }
        pending.subList(0, batch.size()).clear();
        return batch;
    }

    /** Delivers and commits the batch; false if aborted before it succeeded. */
    private boolean deliver(List<ConsumerRecord<byte[], byte[]>> batch) {
        pendingRecords = batch.size() + pending.size();
        if (!invoker.deliver(batch, events.write(batch))) {
            return false;
        }
        commit(batch);
        delivered.add(batch);
        successfulBatches++;
        if (redeliverEvery > 0 && successfulBatches % redeliverEvery == 0) {
            rewind(batch.size());
        }
        return true;
    }

    private void commit(List<ConsumerRecord<byte[], byte[]>> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            long next = record.offset() + 1;
            offsets.merge(partition, new OffsetAndMetadata(next), (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        commitOffsets(offsets);
    }

    private void commitOffsets(Map<TopicPartition, OffsetAndMetadata> offsets) {
        while (true) {
            try {
                consumer.commitSync(offsets, BROKER_CALL_TIMEOUT);
                break;
            } catch (org.apache.kafka.common.errors.TimeoutException | RetriableCommitFailedException e) {
                // the group's coordinator is moving (a broker went down): commit again, as the mapping would
                if (aborted) {
                    throw new WakeupException();
                }
            }
        }
        offsets.forEach((partition, offset) -> committed.merge(partition, offset.offset(), Math::max));
    }

    /** Moves every partition back by a random part of a batch: committed records come again, cut differently. */
    private void rewind(int lastBatchSize) {
        pending.clear();
        filtered.clear();
        Set<TopicPartition> assigned = consumer.assignment();
        for (TopicPartition partition : assigned) {
            Long known = committed.get(partition);
            long position = known != null ? known : consumer.position(partition);
            long back = 1 + random.nextInt(Math.max(1, lastBatchSize));
            consumer.seek(partition, Math.max(startOffsets.getOrDefault(partition, 0L), position - back));
        }
    }

    /** Measures the lag now if {@code now}, else at most every half second; true if it did. */
    private boolean updateLag(boolean now) {
        long time = System.nanoTime();
        if (!now && time - lastLagCheck < LAG_EVERY_NANOS) {
            return false;
        }
        lastLagCheck = time;
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return false;
        }
        Map<TopicPartition, Long> end;
        try {
            end = consumer.endOffsets(assigned, BROKER_CALL_TIMEOUT);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            return false; // a partition without a leader for now (a broker down): the last lag stands
        }
        long total = 0;
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            total += Math.max(0, partition.getValue() - committed.getOrDefault(partition.getKey(), 0L));
        }
        lag = total;
        return true;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "trigger[%s, group %s, %d invocations, lag %d]",
                options.topic(), options.consumerGroup(), invocations(), lag);
    }
}
