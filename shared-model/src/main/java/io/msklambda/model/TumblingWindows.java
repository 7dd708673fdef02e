package io.msklambda.model;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Tumbling event-time windows of a fixed size, aligned to the Unix epoch in UTC, so every consumer (and
 * every replay) puts a given event in the same window without coordination.
 */
public final class TumblingWindows {

    /** Window bounds as stored in DynamoDB: fixed-width ISO-8601 UTC, so that they sort as text. */
    public static final DateTimeFormatter KEY_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final long sizeMillis;

    /** @param size a whole number of seconds, at least one */
    public TumblingWindows(Duration size) {
        if (size.isNegative() || size.isZero() || size.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("window size must be a positive whole number of seconds: " + size);
        }
        this.sizeMillis = size.toMillis();
    }

    public static TumblingWindows ofSeconds(long seconds) {
        return new TumblingWindows(Duration.ofSeconds(seconds));
    }

    /** The window that contains {@code time}. Start inclusive, end exclusive. */
    public Window windowOf(Instant time) {
        long start = Math.floorDiv(time.toEpochMilli(), sizeMillis) * sizeMillis;
        return new Window(Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + sizeMillis));
    }

    /** One window: {@code [start, end)}. */
    public record Window(Instant start, Instant end) {

        /** The start as DynamoDB's sort key. */
        public String startKey() {
            return KEY_FORMAT.format(start);
        }

        /** The end in the same form as {@link #startKey()}. */
        public String endKey() {
            return KEY_FORMAT.format(end);
        }
    }
}
