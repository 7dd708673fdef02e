package io.msklambda.local.trigger;

import java.time.Duration;
import java.util.Objects;

/**
 * How the trigger cuts batches: at {@code batchSize} records, when the {@code batchingWindow} is over, or before the
 * event would pass Lambda's 6 MB payload limit, whichever comes first.
 *
 * @param batchSize      {@code BatchSize}, 1–10,000
 * @param batchingWindow {@code MaximumBatchingWindowInSeconds}, 0–300 s
 */
public record Batching(int batchSize, Duration batchingWindow) {

    public static final int MAX_BATCH_SIZE = 10_000;
    public static final Duration MAX_BATCHING_WINDOW = Duration.ofMinutes(5);
    /** Lambda's limit on a synchronous invocation's payload (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
    public static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

    public Batching {
        Objects.requireNonNull(batchingWindow, "batchingWindow");
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("BatchSize must be 1 to " + MAX_BATCH_SIZE + ": " + batchSize);
        }
        if (batchingWindow.isNegative() || batchingWindow.compareTo(MAX_BATCHING_WINDOW) > 0) {
            throw new IllegalArgumentException(
                    "MaximumBatchingWindowInSeconds must be 0 to 300: " + batchingWindow.toSeconds());
        }
    }
}
