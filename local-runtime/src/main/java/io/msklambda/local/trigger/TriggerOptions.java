package io.msklambda.local.trigger;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The MSK trigger's settings, with the event source mapping's limits.
 *
 * @param bootstrapServers the cluster
 * @param clientProperties extra consumer properties (authentication)
 * @param topic the topic read
 * @param consumerGroup the group whose committed offsets mark progress ({@code ConsumerGroupId})
 * @param startingPosition where a group without offsets starts
 * @param batchSize records per invocation at most ({@code BatchSize}, 1–10,000)
 * @param batchingWindow how long records are gathered before a batch goes out ({@code MaximumBatchingWindowInSeconds})
 * @param maxRetries how often a failed batch is retried before the trigger stops ({@code MaximumRetryAttempts},
 *                   0–10,000, or {@link #INFINITE_RETRIES} to retry until it succeeds)
 * @param retryBackoff how long the trigger waits before each retry
 * @param eventSourceArn the cluster ARN the events carry; null for a self-managed cluster
 * @param filter which records reach the function ({@code FilterCriteria}); {@link FilterCriteria#NONE} for all
 */
public record TriggerOptions(
        String bootstrapServers,
        Map<String, Object> clientProperties,
        String topic,
        String consumerGroup,
        StartingPosition startingPosition,
        int batchSize,
        Duration batchingWindow,
        int maxRetries,
        RetryBackoff retryBackoff,
        String eventSourceArn,
        FilterCriteria filter) {

    public static final int MAX_BATCH_SIZE = 10_000;
    /** Lambda's limit on a synchronous invocation's payload. */
    public static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
    // MaximumRetryAttempts for Kafka: -1 (infinite, the default) or 0-10000, per
    // https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html
    /** {@code maxRetries} for retrying a failed batch until it succeeds: the mapping's default. */
    public static final int INFINITE_RETRIES = -1;
    public static final int MAX_RETRIES = 10_000;

    /** With the default {@link RetryBackoff}, no filter. */
    public TriggerOptions(String bootstrapServers, Map<String, Object> clientProperties, String topic,
            String consumerGroup, StartingPosition startingPosition, int batchSize, Duration batchingWindow,
            int maxRetries, String eventSourceArn) {
        this(bootstrapServers, clientProperties, topic, consumerGroup, startingPosition, batchSize, batchingWindow,
                maxRetries, RetryBackoff.DEFAULT, eventSourceArn);
    }

    /** No filter. */
    public TriggerOptions(String bootstrapServers, Map<String, Object> clientProperties, String topic,
            String consumerGroup, StartingPosition startingPosition, int batchSize, Duration batchingWindow,
            int maxRetries, RetryBackoff retryBackoff, String eventSourceArn) {
        this(bootstrapServers, clientProperties, topic, consumerGroup, startingPosition, batchSize, batchingWindow,
                maxRetries, retryBackoff, eventSourceArn, FilterCriteria.NONE);
    }

    public TriggerOptions {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        clientProperties = Map.copyOf(clientProperties);
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        Objects.requireNonNull(startingPosition, "startingPosition");
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batch size must be 1 to " + MAX_BATCH_SIZE + ": " + batchSize);
        }
        if (batchingWindow.isNegative() || batchingWindow.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("batching window must be 0 to 300 s: " + batchingWindow);
        }
        if (maxRetries < INFINITE_RETRIES || maxRetries > MAX_RETRIES) {
            throw new IllegalArgumentException("max retries must be " + INFINITE_RETRIES + " (infinite) or 0 to "
                    + MAX_RETRIES + ": " + maxRetries);
        }
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(filter, "filter");
    }

    /** The trigger's consumer: in this group, committing only by hand, starting where {@code startingPosition} says. */
    Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, consumerGroup);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "msk-trigger-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                startingPosition == StartingPosition.LATEST ? "latest" : "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchSize);
        // A batch is retried on the polling thread, without polling, for as long as it fails (forever by default):
        // the group must not drop this member for it, as the mapping does not give up its partitions then either.
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Integer.MAX_VALUE);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }
}
