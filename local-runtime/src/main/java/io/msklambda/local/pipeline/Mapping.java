package io.msklambda.local.pipeline;

import io.msklambda.local.stack.OptionCheck;
import io.msklambda.local.trigger.Batching;
import io.msklambda.local.trigger.Destination;
import io.msklambda.local.trigger.ErrorHandling;
import io.msklambda.local.trigger.FilterCriteria;
import io.msklambda.local.trigger.Pollers;
import io.msklambda.local.trigger.StartingPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The MSK trigger (event source mapping) and the consumer function behind it.
 *
 * @param windowSeconds     the consumer's {@code WINDOW_SECONDS}
 * @param batchSize         {@code BatchSize}: records per invocation at most
 * @param batchingWindow    {@code MaximumBatchingWindowInSeconds}
 * @param startingPosition  {@code StartingPosition}
 * @param startingTimestamp {@code StartingPositionTimestamp}, with {@link StartingPosition#AT_TIMESTAMP} only
 * @param consumerGroup     {@code ConsumerGroupId}
 * @param errors            {@code MaximumRetryAttempts}, {@code MaximumRecordAgeInSeconds},
 *                          {@code BisectBatchOnFunctionError}, {@code FunctionResponseTypes}
 * @param pollers           {@code ProvisionedPollerConfig}, or on demand
 * @param filters           {@code FilterCriteria}: each filter's pattern; a record matching none is not delivered
 * @param onFailure         {@code DestinationConfig.OnFailure.Destination}; null for none
 */
public record Mapping(
        int windowSeconds,
        int batchSize,
        Duration batchingWindow,
        StartingPosition startingPosition,
        Instant startingTimestamp,
        String consumerGroup,
        ErrorHandling errors,
        Pollers pollers,
        List<String> filters,
        String onFailure) {

    /**
     * Without filters or destination, retrying a failed batch {@code maxRetries} times: -1 (for ever) on demand,
     * else in provisioned mode with AWS's default pollers, since AWS offers a retry limit there only.
     */
    public Mapping(
            int windowSeconds,
            int batchSize,
            Duration batchingWindow,
            StartingPosition startingPosition,
            String consumerGroup,
            int maxRetries) {
        this(
                windowSeconds,
                batchSize,
                batchingWindow,
                startingPosition,
                null,
                consumerGroup,
                retrying(maxRetries),
                maxRetries == ErrorHandling.INFINITE_RETRIES
                        ? Pollers.ON_DEMAND
                        : new Pollers(Pollers.DEFAULT_MINIMUM, Pollers.DEFAULT_MAXIMUM),
                List.of(),
                null);
    }

    private static ErrorHandling retrying(int maxRetries) {
        OptionCheck.range(maxRetries, ErrorHandling.INFINITE_RETRIES, ErrorHandling.MAX_RETRIES, "--max-retries");
        return new ErrorHandling(maxRetries, null, false, false, ErrorHandling.DEFAULT.backoff());
    }

    public Mapping {
        Objects.requireNonNull(startingPosition, "startingPosition");
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(pollers, "pollers");
        OptionCheck.range(windowSeconds, 1, 86_400, "--window-seconds");
        OptionCheck.range(batchSize, 1, Batching.MAX_BATCH_SIZE, "--batch-size");
        OptionCheck.require(
                !batchingWindow.isNegative() && batchingWindow.compareTo(Batching.MAX_BATCHING_WINDOW) <= 0,
                "--batching-window",
                batchingWindow,
                "must be 0s to 300s");
        OptionCheck.require(
                (startingPosition == StartingPosition.AT_TIMESTAMP) == (startingTimestamp != null),
                "--starting-timestamp",
                startingTimestamp,
                "goes with --starting-position AT_TIMESTAMP, and only with it");
        filters = List.copyOf(filters);
        try {
            FilterCriteria.of(filters);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--filter: " + e.getMessage(), e);
        }
        errors.requireAllowedIn(pollers);
        if (onFailure != null) {
            Destination destination;
            try {
                destination = Destination.parse(onFailure);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--on-failure: " + e.getMessage(), e);
            }
            if (destination.kind() == Destination.Kind.KAFKA) {
                // https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure-destination.html
                pollers.requireProvisioned("A Kafka topic destination (" + onFailure + ")");
            }
        }
    }

    /** The filters, compiled. */
    public FilterCriteria filterCriteria() {
        return FilterCriteria.of(filters);
    }

    public Batching batching() {
        return new Batching(batchSize, batchingWindow);
    }

    public Mapping withFilters(List<String> filters) {
        return new Mapping(
                windowSeconds,
                batchSize,
                batchingWindow,
                startingPosition,
                startingTimestamp,
                consumerGroup,
                errors,
                pollers,
                filters,
                onFailure);
    }

    public Mapping withErrors(ErrorHandling errors, Pollers pollers, String onFailure) {
        return new Mapping(
                windowSeconds,
                batchSize,
                batchingWindow,
                startingPosition,
                startingTimestamp,
                consumerGroup,
                errors,
                pollers,
                filters,
                onFailure);
    }
}
