package io.msklambda.consumer;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The pause before a conditional write is tried again after its condition failed more than once: exponential with
 * "full jitter" (a uniform pause between zero and the exponential ceiling), as AWS's Architecture Blog recommends for
 * optimistic writers that contend (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/), so
 * that writers who lost together do not come back together.
 *
 * @param base the first ceiling; more than zero
 * @param cap the highest ceiling; at least {@code base}
 */
record ConflictBackoff(Duration base, Duration cap) {

    /**
     * 10 ms, doubling, at most 200 ms: a DynamoDB write takes a few milliseconds, and the eight pauses that
     * {@link AggregateStore#MAX_ATTEMPTS} allows add up to under a second of the function's timeout.
     */
    static final ConflictBackoff DEFAULT = new ConflictBackoff(Duration.ofMillis(10), Duration.ofMillis(200));

    ConflictBackoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap: " + base + ", " + cap);
        }
    }

    /**
     * A pause drawn uniformly from {@code [0, min(cap, base * 2^(pause - 1))]}.
     *
     * @param pause 1 for the first pause of a write, 2 for the second, and so on
     */
    Duration delay(int pause, RandomGenerator random) {
        if (pause < 1) {
            throw new IllegalArgumentException("pause must be 1 or more: " + pause);
        }
        long ceiling = cap.toNanos();
        if (pause - 1 < Long.numberOfLeadingZeros(base.toNanos()) - 1) {
            ceiling = Math.min(ceiling, base.toNanos() << (pause - 1));
        }
        return Duration.ofNanos(random.nextLong(ceiling + 1));
    }
}
