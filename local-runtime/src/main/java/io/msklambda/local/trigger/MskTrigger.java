package io.msklambda.local.trigger;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.msklambda.local.lambda.LambdaSerialization;
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
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Emulates the MSK trigger (Lambda's Kafka event source mapping) in front of a handler: a consumer group
 * reads the topic; records are gathered until the batch size, the batching window or the 6 MB payload limit is
 * reached; the batch is written as the trigger writes its event ({@link MskEventJson}) and reaches the handler
 * through the Lambda runtime's deserialization. Offsets are committed only after the handler succeeded; a
 * failed batch is retried as it was, up to {@code maxRetries} times, after which the trigger stops with the
 * offsets uncommitted (nothing is lost). One consumer keeps every partition in offset order.
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
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(200);
    private static final long LAG_EVERY_NANOS = 500_000_000L;

    private final TriggerOptions options;
    private final Function function;
    private final MskEventJson events;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Delivered delivered = new Delivered();
    private final int redeliverEvery;
    private final SplittableRandom random;
    private final PrintWriter log;
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final List<ConsumerRecord<byte[], byte[]>> pending = new ArrayList<>();
    private volatile boolean stopping;
    private volatile long lag = -1;
    private volatile long topicEnd;
    private volatile long invocations;
    private volatile long retries;
    private volatile Exception failure;
    private long lastLagCheck;
    private long successfulBatches;

    /**
     * @param redeliverEvery after every this many successful batches, rewind and redeliver committed records
     *                       with shifted boundaries; 0 for never
     */
    public MskTrigger(TriggerOptions options, Function function, int redeliverEvery, long seed, PrintWriter log) {
        this.options = options;
        this.function = function;
        this.events = new MskEventJson(options.eventSourceArn(), options.bootstrapServers());
        this.redeliverEvery = redeliverEvery;
        this.random = new SplittableRandom(seed);
        this.log = log;
        Map<String, Object> config = new HashMap<>(options.clientProperties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, options.consumerGroup());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "msk-trigger-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                options.startingPosition() == StartingPosition.LATEST ? "latest" : "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, options.batchSize());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumer = new KafkaConsumer<>(config);
    }

    /** Reads and delivers until {@link #stop()} and nothing is left, or a batch fails past its retries. */
    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(options.topic()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    pending.clear();
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    for (TopicPartition partition : partitions) {
                        committed.put(partition, consumer.position(partition));
                    }
                }
            });
            long windowStart = 0;
            while (!(stopping && pending.isEmpty() && lag == 0)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (pending.isEmpty()) {
                        windowStart = System.nanoTime();
                    }
                    pending.add(record);
                }
                boolean windowOver = System.nanoTime() - windowStart >= options.batchingWindow().toNanos();
                if (!pending.isEmpty() && (pending.size() >= options.batchSize() || windowOver || stopping)) {
                    deliver(nextBatch());
                    windowStart = System.nanoTime();
                }
                updateLag();
            }
        } catch (TriggerFailedException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = e;
            log.println("trigger: stopped by " + e);
        }
    }

    /** Delivers what is left, then ends {@link #run()}. */
    public void stop() {
        stopping = true;
    }

    /** Records on the topic not yet committed by the group; -1 until first known. */
    public long lag() {
        return lag;
    }

    /** The sum of the topic's end offsets when last looked at: every record ever written to it. */
    public long topicEnd() {
        return topicEnd;
    }

    public long invocations() {
        return invocations;
    }

    public long retries() {
        return retries;
    }

    /** Why the trigger stopped early, if it did. */
    public Exception failure() {
        return failure;
    }

    public Delivered delivered() {
        return delivered;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
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

    private void deliver(List<ConsumerRecord<byte[], byte[]>> batch) {
        byte[] json = events.write(batch);
        for (int attempt = 0; ; attempt++) {
            try {
                invocations++;
                function.invoke(LambdaSerialization.fromJson(json, KafkaEvent.class));
                break;
            } catch (Exception e) {
                if (attempt >= options.maxRetries()) {
                    throw new TriggerFailedException("a batch of " + batch.size() + " records failed "
                            + (attempt + 1) + " times; offsets stay uncommitted. Last error: " + e, e);
                }
                retries++;
                log.println("trigger: batch of " + batch.size() + " failed (" + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + "); retry " + (attempt + 1) + " of " + options.maxRetries());
                sleep(RETRY_BACKOFF);
            }
        }
        commit(batch);
        delivered.add(batch);
        successfulBatches++;
        if (redeliverEvery > 0 && successfulBatches % redeliverEvery == 0) {
            rewind(batch.size());
        }
    }

    private void commit(List<ConsumerRecord<byte[], byte[]>> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            long next = record.offset() + 1;
            offsets.merge(partition, new OffsetAndMetadata(next), (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        consumer.commitSync(offsets);
        offsets.forEach((partition, offset) -> committed.merge(partition, offset.offset(), Math::max));
    }

    /** Moves every partition back by a random part of a batch: committed records come again, cut differently. */
    private void rewind(int lastBatchSize) {
        pending.clear();
        Set<TopicPartition> assigned = consumer.assignment();
        for (TopicPartition partition : assigned) {
            long position = committed.getOrDefault(partition, consumer.position(partition));
            long back = 1 + random.nextInt(Math.max(1, lastBatchSize));
            consumer.seek(partition, Math.max(0, position - back));
        }
    }

    private void updateLag() {
        long now = System.nanoTime();
        if (now - lastLagCheck < LAG_EVERY_NANOS && !stopping) {
            return;
        }
        lastLagCheck = now;
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
        long total = 0;
        long endTotal = 0;
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            total += Math.max(0, partition.getValue() - committed.getOrDefault(partition.getKey(), 0L));
            endTotal += partition.getValue();
        }
        topicEnd = endTotal;
        lag = total;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TriggerFailedException("interrupted", e);
        }
    }

    /** A batch that failed past its retries, or an interrupted trigger. */
    public static final class TriggerFailedException extends RuntimeException {
        TriggerFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "trigger[%s, group %s, %d invocations, lag %d]",
                options.topic(), options.consumerGroup(), invocations, lag);
    }
}
