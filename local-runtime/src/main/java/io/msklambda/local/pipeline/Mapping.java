package io.msklambda.local.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.msklambda.local.trigger.FilterCriteria;
import io.msklambda.local.trigger.StartingPosition;
import io.msklambda.local.trigger.TriggerOptions;

/**
 * The MSK trigger (event source mapping) and the consumer function behind it.
 *
 * @param windowSeconds    the consumer's {@code WINDOW_SECONDS}
 * @param batchSize        {@code BatchSize}: records per invocation at most
 * @param batchingWindow   {@code MaximumBatchingWindowInSeconds}
 * @param startingPosition {@code StartingPosition}
 * @param consumerGroup    {@code ConsumerGroupId}
 * @param maxRetries       {@code MaximumRetryAttempts}: -1 (the default) retries a failed batch until it succeeds
 * @param filters          {@code FilterCriteria}: each filter's pattern; a record matching none is not delivered
 */
public record Mapping(int windowSeconds, int batchSize, Duration batchingWindow, StartingPosition startingPosition,
                      String consumerGroup, int maxRetries, List<String> filters) {

    /** Without filters: every record is delivered. */
    public Mapping(int windowSeconds, int batchSize, Duration batchingWindow, StartingPosition startingPosition,
                   String consumerGroup, int maxRetries) {
        this(windowSeconds, batchSize, batchingWindow, startingPosition, consumerGroup, maxRetries, List.of());
    }

    public Mapping {
        Objects.requireNonNull(startingPosition, "startingPosition");
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        OptionCheck.range(windowSeconds, 1, 86_400, "--window-seconds");
        OptionCheck.range(batchSize, 1, TriggerOptions.MAX_BATCH_SIZE, "--batch-size");
        OptionCheck.require(!batchingWindow.isNegative() && batchingWindow.compareTo(Duration.ofMinutes(5)) <= 0,
            "--batching-window", batchingWindow, "must be 0s to 300s");
        OptionCheck.range(maxRetries, TriggerOptions.INFINITE_RETRIES, TriggerOptions.MAX_RETRIES, "--max-retries");
        filters = List.copyOf(filters);
        try {
            FilterCriteria.of(filters);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--filter: " + e.getMessage(), e);
        }
    }

    /** The filters, compiled. */
    public FilterCriteria filterCriteria() {
        return FilterCriteria.of(filters);
    }
}
