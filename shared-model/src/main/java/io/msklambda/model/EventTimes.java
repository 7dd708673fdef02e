package io.msklambda.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * The timestamp forms on the wire. Writers produce exactly one form per field; the reader accepts every
 * form that producers in the field write, always as UTC:
 * <ul>
 *   <li>ISO-8601 with a zone or offset: {@code 2026-03-09T21:05:00.073Z}, {@code 2026-03-09T23:05:00+02:00};</li>
 *   <li>ISO local date-time without zone, with {@code T} or a space: {@code 2026-03-09 21:05:00.073};</li>
 *   <li>epoch milliseconds as a JSON number (handled by the codec with {@link #fromEpochMillis}).</li>
 * </ul>
 * A timestamp outside {@link #EARLIEST} .. {@link #LATEST} is refused as absurd: it is far more likely a unit
 * mistake (epoch seconds read as milliseconds) than a real reading.
 */
public final class EventTimes {

    /** The earliest event time accepted (inclusive). */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** The latest event time accepted (exclusive). */
    public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    /** {@code ordered_at}: UTC, {@code yyyy-MM-dd HH:mm:ss.SSS}, the form Athena's formatHint names. */
    public static final DateTimeFormatter ORDERED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    /** Telemetry {@code timestamp}: ISO-8601 UTC, always with milliseconds, e.g. {@code 2026-03-09T21:05:00.073Z}. */
    public static final DateTimeFormatter TELEMETRY =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter LOCAL_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();

    private EventTimes() {}

    /**
     * Reads a textual timestamp in any accepted form.
     *
     * @throws DateTimeParseException if the text is in none of them
     */
    public static Instant parse(String text) {
        Instant canonical = parseCanonical(text);
        return canonical != null ? canonical : parseWithFormatters(text);
    }

    /** {@link #parse} without the fast path: the definition of what is accepted. */
    static Instant parseWithFormatters(String text) {
        if (hasZone(text)) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
        }
        return LocalDateTime.parse(text, LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
    }

    /**
     * The two forms our producer writes, {@code 2026-03-09T21:05:00.073Z} and {@code 2026-03-09 21:05:00.073}, read
     * without a {@link DateTimeFormatter}: the formatter's parse costs a few microseconds and a kilobyte of garbage per
     * record, most of the consumer's decoding. Only text whose every field is in range is read here, to the instant
     * the formatters give; anything else (other forms, a 29 February of a common year, hour 24, an error) is null and
     * goes through the formatters, so what is accepted or refused, and how, is theirs alone.
     */
    static Instant parseCanonical(String text) {
        int length = text.length();
        boolean zoned = length == 24 && text.charAt(10) == 'T' && text.charAt(23) == 'Z';
        if (!zoned && (length != 23 || text.charAt(10) != ' ')) {
            return null;
        }
        if (text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(19) != '.') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int millis = digits(text, 20, 3);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > 28 && day > monthLength(year, month)
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || millis < 0) {
            return null;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, millis * 1_000_000L);
    }

    /** The number in {@code count} ASCII digits at {@code from}, or -1 if any is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int monthLength(int year, int month) {
        return YearMonth.of(year, month).lengthOfMonth();
    }

    /** Epoch milliseconds to an instant; the range check is {@link #isPlausible}'s. */
    public static Instant fromEpochMillis(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    /** Whether an event time is inside the accepted range. */
    public static boolean isPlausible(Instant time) {
        return !time.isBefore(EARLIEST) && time.isBefore(LATEST);
    }

    private static boolean hasZone(String text) {
        if (text.endsWith("Z") || text.endsWith("z")) {
            return true;
        }
        // an offset such as +02:00 or -0530 after the time part
        int t = Math.max(text.indexOf('T'), text.indexOf(' '));
        return t > 0 && (text.indexOf('+', t) > 0 || text.indexOf('-', t) > 0);
    }

    /**
     * Formats event times for one writer, remembering the last millisecond it formatted: a fast producer
     * writes thousands of records in the same millisecond, and the formatter is the costliest step of
     * writing a record. Not thread-safe; one per writer.
     */
    static final class CachingFormatter {
        private final DateTimeFormatter formatter;
        private long lastMillis = Long.MIN_VALUE;
        private String lastText;

        CachingFormatter(DateTimeFormatter formatter) {
            this.formatter = formatter;
        }

        String format(Instant time) {
            long millis = time.toEpochMilli();
            if (millis != lastMillis) {
                lastText = formatter.format(Instant.ofEpochMilli(millis));
                lastMillis = millis;
            }
            return lastText;
        }
    }
}
