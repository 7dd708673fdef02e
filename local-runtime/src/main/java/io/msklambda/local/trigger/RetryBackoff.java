package io.msklambda.local.trigger;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the trigger waits before it retries a failed batch: {@code initial} before the first retry, doubled before
 * each further one, never more than {@code max}.
 *
 * <p>AWS's Kafka error-handling page documents the retry count and record age but no backoff schedule for Kafka event
 * source mappings (https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html); the only exponential
 * schedule Lambda publishes is the asynchronous queue's, 1 s growing to 5 min
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html). The default here is ours:
 * 100 ms, so that a brief fault (one throttled request, a DynamoDB restart) costs a local run almost nothing, doubling
 * so that a long outage is not hammered, and capped at 5 s, so that the batch goes through at most 5 s after the
 * outage ends, which a local run can afford to wait and a minutes-long cap would not be.
 *
 * @param initial the wait before the first retry; more than zero
 * @param max the longest wait; at least {@code initial}
 */
public record RetryBackoff(Duration initial, Duration max) {

    public static final RetryBackoff DEFAULT = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    public RetryBackoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("retry backoff initial must be more than 0: " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry backoff max must be at least initial (" + initial + "): " + max);
        }
    }

    /**
     * The wait before a retry.
     *
     * @param retry 1 for the first retry of a batch, 2 for the second, and so on
     */
    public Duration delay(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be 1 or more: " + retry);
        }
        long limit = max.toNanos();
        long nanos = initial.toNanos();
        for (int i = 1; i < retry && nanos < limit; i++) {
            nanos = nanos <= limit / 2 ? nanos * 2 : limit;
        }
        return Duration.ofNanos(Math.min(nanos, limit));
    }
}
