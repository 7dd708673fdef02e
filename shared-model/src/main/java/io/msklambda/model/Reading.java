package io.msklambda.model;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * What one record contributes to the aggregates: its value, added to the window of its event time in its series.
 * The consumer rounds the value by the precision rule ({@link AggregatedDecimal}) and refuses a value beyond it or an
 * event time outside {@link EventTimes#EARLIEST} .. {@link EventTimes#LATEST}, whoever made the reading.
 *
 * @param series the aggregates table's partition key: 1 to {@value #MAX_SERIES_BYTES} bytes of UTF-8
 * @param eventTime when the event happened, which decides its window
 * @param value the number aggregated
 */
public record Reading(String series, Instant eventTime, BigDecimal value) implements Observed {

    /**
     * The longest series, in UTF-8 bytes: DynamoDB's limit on a partition key value, and an empty one is refused
     * ("Partition key length",
     * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html#limits-partition-sort-keys).
     */
    public static final int MAX_SERIES_BYTES = 2048;

    /** Characters that are always within the limit: UTF-8 takes at most 3 bytes per Java char. */
    private static final int ALWAYS_SHORT_ENOUGH = MAX_SERIES_BYTES / 3;

    /** @throws IllegalArgumentException if the series is empty or longer than {@value #MAX_SERIES_BYTES} bytes */
    public Reading {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(value, "value");
        if (series.isEmpty()) {
            throw new IllegalArgumentException("a series is not empty (a DynamoDB key value never is)");
        }
        if (isTooLong(series)) {
            throw new IllegalArgumentException("a series of " + utf8Length(series) + " bytes is longer than DynamoDB's "
                    + MAX_SERIES_BYTES + " for a key");
        }
    }

    /** Whether a series is over {@value #MAX_SERIES_BYTES} bytes; its bytes are counted only when it could be. */
    static boolean isTooLong(String series) {
        return series.length() > ALWAYS_SHORT_ENOUGH && utf8Length(series) > MAX_SERIES_BYTES;
    }

    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
