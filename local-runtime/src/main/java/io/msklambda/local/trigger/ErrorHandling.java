package io.msklambda.local.trigger;

import java.time.Duration;
import java.util.Objects;

/**
 * What the mapping does when the function fails, as https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html
 * describes it: retry the batch (for ever by default), give up on records older than an age, split a failing batch in
 * two, and read the function's partial batch response.
 *
 * @param maxRetries             {@code MaximumRetryAttempts}: -1 (the default) retries until the batch succeeds;
 *                               0–10,000 retries at most that often, then gives the records up
 * @param maxRecordAge           {@code MaximumRecordAgeInSeconds}: null (-1, the default) for no limit, else 60 s to
 *                               7 days
 * @param bisect                 {@code BisectBatchOnFunctionError}
 * @param reportBatchItemFailures {@code FunctionResponseTypes: [ReportBatchItemFailures]}
 * @param backoff                how long the trigger waits before each retry (AWS documents no schedule for Kafka)
 */
public record ErrorHandling(
        int maxRetries, Duration maxRecordAge, boolean bisect, boolean reportBatchItemFailures, RetryBackoff backoff) {

    /** {@code maxRetries} for retrying a failed batch until it succeeds: the mapping's default. */
    public static final int INFINITE_RETRIES = -1;

    public static final int MAX_RETRIES = 10_000;
    /** With infinite retries and an on-failure destination, Lambda retries at most this often (page above). */
    static final int RETRIES_WITH_DESTINATION = 10;

    public static final Duration MIN_RECORD_AGE = Duration.ofSeconds(60);
    public static final Duration MAX_RECORD_AGE = Duration.ofSeconds(604_800);

    /** Retry until the batch succeeds, no age limit, no bisect, no partial responses. */
    public static final ErrorHandling DEFAULT =
            new ErrorHandling(INFINITE_RETRIES, null, false, false, RetryBackoff.DEFAULT);

    public ErrorHandling {
        Objects.requireNonNull(backoff, "backoff");
        if (maxRetries < INFINITE_RETRIES || maxRetries > MAX_RETRIES) {
            throw new IllegalArgumentException(
                    "MaximumRetryAttempts must be -1 (infinite) or 0 to " + MAX_RETRIES + ": " + maxRetries);
        }
        if (maxRecordAge != null
                && (maxRecordAge.compareTo(MIN_RECORD_AGE) < 0 || maxRecordAge.compareTo(MAX_RECORD_AGE) > 0)) {
            throw new IllegalArgumentException(
                    "MaximumRecordAgeInSeconds must be -1 (no limit) or 60 to 604800: " + maxRecordAge.toSeconds());
        }
    }

    /** The retries allowed: infinite becomes {@value #RETRIES_WITH_DESTINATION} once there is a destination. */
    int effectiveMaxRetries(boolean hasDestination) {
        return maxRetries == INFINITE_RETRIES && hasDestination ? RETRIES_WITH_DESTINATION : maxRetries;
    }

    /**
     * AWS offers these controls for Kafka mappings in provisioned mode only
     * (https://docs.aws.amazon.com/lambda/latest/dg/kafka-scaling-modes.html): an on-demand mapping with them would
     * not behave here as it does when deployed.
     */
    public void requireAllowedIn(Pollers pollers) {
        if (maxRetries != INFINITE_RETRIES) {
            pollers.requireProvisioned("MaximumRetryAttempts");
        }
        if (maxRecordAge != null) {
            pollers.requireProvisioned("MaximumRecordAgeInSeconds");
        }
        if (bisect) {
            pollers.requireProvisioned("BisectBatchOnFunctionError");
        }
        if (reportBatchItemFailures) {
            pollers.requireProvisioned("FunctionResponseTypes: [ReportBatchItemFailures]");
        }
    }
}
