package io.msklambda.local.pipeline;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * The trigger's lag as the brokers have it: the topic's end offsets less the consumer group's committed offsets
 * (where the group has committed none yet, where the trigger started), summed over the partitions. Read on a thread
 * and an Admin client of its own, each read bounded by a timeout: a trigger blocked retrying a batch cannot hold a
 * reading up, and a broker that cannot answer (a partition without a leader, the group's coordinator down) makes the
 * lag unknown rather than leaving an old reading to pass for the present one.
 */
final class BrokerLag implements AutoCloseable {

    private record Reading(long lag, long atNanos) {}

    private final Admin admin;
    private final String topic;
    private final String group;
    private final Supplier<Map<TopicPartition, Long>> startOffsets;
    private final Duration every;
    private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "pipeline-lag");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Reading last;
    /** Looked up by the first read that gets them; a read at the end may race the reader's thread for it. */
    private volatile List<TopicPartition> partitions;

    /**
     * @param adminProperties a client of the run itself, with the bootstrap servers
     * @param startOffsets    where the trigger started in each partition
     * @param every           how often to read; also the longest one read may take
     */
    BrokerLag(
            Map<String, Object> adminProperties,
            String topic,
            String group,
            Supplier<Map<TopicPartition, Long>> startOffsets,
            Duration every) {
        this.admin = Admin.create(new HashMap<>(adminProperties));
        this.topic = topic;
        this.group = group;
        this.startOffsets = startOffsets;
        this.every = every;
    }

    void start() {
        reader.scheduleWithFixedDelay(
                () -> readNow().ifPresent(lag -> last = new Reading(lag, System.nanoTime())),
                0,
                every.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The latest reading if it was taken within {@code maxAge}; empty if none was. */
    OptionalLong recent(Duration maxAge) {
        Reading reading = last;
        return reading != null && System.nanoTime() - reading.atNanos() <= maxAge.toNanos()
                ? OptionalLong.of(reading.lag())
                : OptionalLong.empty();
    }

    /** Reads the lag on the caller's thread; empty if the brokers did not tell it within the timeout. */
    OptionalLong readNow() {
        try {
            List<TopicPartition> all = partitions();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                            group, new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs()))
                    .partitionsToOffsetAndMetadata()
                    .get(every.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            all.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                            latest, new ListOffsetsOptions().timeoutMs(timeoutMs()))
                    .all()
                    .get(every.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> started = startOffsets.get();
            long lag = 0;
            for (TopicPartition partition : all) {
                OffsetAndMetadata done = committed.get(partition);
                Long from = done != null ? Long.valueOf(done.offset()) : started.get(partition);
                if (from == null) {
                    return OptionalLong.empty(); // neither committed nor started: nothing to count from
                }
                lag += Math.max(0, ends.get(partition).offset() - from);
            }
            return OptionalLong.of(lag);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    /** Stops reading and closes the client, waiting for a read under way no longer than one may take. */
    @Override
    public void close() {
        reader.shutdownNow();
        try {
            reader.awaitTermination(every.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            admin.close(every);
        }
    }

    private int timeoutMs() {
        return (int) every.toMillis();
    }

    /** The topic's partitions, looked up once: the pipeline never adds any. */
    private List<TopicPartition> partitions() throws ExecutionException, TimeoutException, InterruptedException {
        if (partitions == null) {
            partitions = admin
                    .describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(timeoutMs()))
                    .allTopicNames()
                    .get(every.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic)
                    .partitions()
                    .stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
        }
        return partitions;
    }
}
