package io.msklambda.local.trigger;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

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
 * @param maxRetries how often a failed batch is retried before the trigger stops
 * @param eventSourceArn the cluster ARN the events carry; null for a self-managed cluster
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
        String eventSourceArn) {

    public static final int MAX_BATCH_SIZE = 10_000;
    /** Lambda's limit on a synchronous invocation's payload. */
    public static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

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
        if (maxRetries < 0) {
            throw new IllegalArgumentException("max retries must be 0 or more: " + maxRetries);
        }
    }
}
