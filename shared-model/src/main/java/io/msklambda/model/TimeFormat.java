package io.msklambda.model;

import static io.msklambda.model.JsonScalar.describe;
import static io.msklambda.model.RejectReason.NON_FINITE_NUMBER;
import static io.msklambda.model.RejectReason.OUT_OF_RANGE;
import static io.msklambda.model.RejectReason.WRONG_TYPE;

import com.fasterxml.jackson.core.JsonToken;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How a {@link PointerReader}'s time field is written ({@code TIME_FORMAT}), and the reading of it. One format a field:
 * a number where {@code iso} was declared is {@code WRONG_TYPE}, naming the pointer and the format. Every format keeps
 * the plausible range {@link EventTimes#EARLIEST} .. {@link EventTimes#LATEST}.
 */
final class TimeFormat {

    /** What {@code TIME_FORMAT} may be, for the init error. */
    static final String ALLOWED = "iso, epoch-millis, epoch-seconds, or a java.time DateTimeFormatter pattern with a"
            + " date and a time of day, such as yyyy-MM-dd HH:mm:ss.SSS (read as UTC unless it has a zone or offset)";

    private static final Instant SAMPLE = Instant.parse("2026-03-09T21:05:00.073Z");

    private enum Kind {
        /** {@link EventTimes#parse}: ISO-8601 with a zone or offset, or local (taken as UTC), {@code T} or a space. */
        ISO,
        /** A whole number of milliseconds since 1970-01-01T00:00:00Z. */
        EPOCH_MILLIS,
        /** A whole or decimal number of seconds since the epoch, truncated to the millisecond. */
        EPOCH_SECONDS,
        /** A {@link DateTimeFormatter} pattern. */
        PATTERN
    }

    private final String name;
    private final Kind kind;
    private final DateTimeFormatter pattern;

    private TimeFormat(String name, Kind kind, DateTimeFormatter pattern) {
        this.name = name;
        this.kind = kind;
        this.pattern = pattern;
    }

    /**
     * @throws InvalidConfigException naming {@code variable} when the text is neither a format's name nor a pattern that
     *     reads back an instant it writes
     */
    static TimeFormat of(String variable, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidConfigException(variable, text, ALLOWED);
        }
        for (Kind kind : new Kind[] {Kind.ISO, Kind.EPOCH_MILLIS, Kind.EPOCH_SECONDS}) {
            if (kind.name().replace('_', '-').equalsIgnoreCase(text)) {
                return new TimeFormat(text.toLowerCase(Locale.ROOT), kind, null);
            }
        }
        DateTimeFormatter formatter;
        try {
            formatter = DateTimeFormatter.ofPattern(text, Locale.ROOT).withZone(ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(variable, text, ALLOWED + " (" + e.getMessage() + ")");
        }
        try {
            // a pattern without a date or a time of day cannot name an instant: find out now, not at every record
            Instant.from(formatter.parse(formatter.format(SAMPLE)));
        } catch (DateTimeException e) {
            throw new InvalidConfigException(variable, text, ALLOWED + " (it does not read back " + SAMPLE + ")");
        }
        return new TimeFormat(text, Kind.PATTERN, formatter);
    }

    /** The format as configured: {@code iso}, {@code epoch-millis}, {@code epoch-seconds} or the pattern. */
    String name() {
        return name;
    }

    /** The time in {@code field}, or null with the problem in {@code check}, the pointer and the format named. */
    Instant read(JsonScalar field, String pointer, FieldChecks check) {
        Instant time = switch (kind) {
            case ISO, PATTERN -> text(field, pointer, check);
            case EPOCH_MILLIS -> epochMillis(field, pointer, check);
            case EPOCH_SECONDS -> epochSeconds(field, pointer, check);
        };
        if (time != null && !EventTimes.isPlausible(time)) {
            return implausible(field, pointer, check);
        }
        return time;
    }

    private Instant text(JsonScalar field, String pointer, FieldChecks check) {
        if (field.token() != JsonToken.VALUE_STRING) {
            return wrongType(field, pointer, check);
        }
        try {
            return kind == Kind.ISO ? EventTimes.parse(field.text()) : Instant.from(pattern.parse(field.text()));
        } catch (DateTimeException e) {
            check.fail(WRONG_TYPE, pointer + " is not " + expected() + ": \"" + field.text() + "\"");
            return null;
        }
    }

    private Instant epochMillis(JsonScalar field, String pointer, FieldChecks check) {
        if (field.token() != JsonToken.VALUE_NUMBER_INT) {
            return wrongType(field, pointer, check);
        }
        return field.whole() == Long.MAX_VALUE
                ? implausible(field, pointer, check)
                : EventTimes.fromEpochMillis(field.whole());
    }

    private Instant epochSeconds(JsonScalar field, String pointer, FieldChecks check) {
        if (field.token() != JsonToken.VALUE_NUMBER_INT && field.token() != JsonToken.VALUE_NUMBER_FLOAT) {
            return wrongType(field, pointer, check);
        }
        if (!Double.isFinite(field.number())) {
            check.fail(NON_FINITE_NUMBER, pointer + " is not finite: " + field.text());
            return null;
        }
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(field.text());
        } catch (NumberFormatException e) {
            return implausible(field, pointer, check); // an exponent beyond an int
        }
        // Seconds from 1 to 10^13 only (the plausible years are well inside): checked on the exponent before any
        // arithmetic, since truncating 1e-1000000000 would build a number of a billion digits.
        long exponent = (long) seconds.precision() - seconds.scale() - 1;
        if (seconds.signum() <= 0 || exponent < 0 || exponent > 12) {
            return implausible(field, pointer, check);
        }
        long millis = seconds.movePointRight(3).setScale(0, RoundingMode.DOWN).longValueExact();
        return EventTimes.fromEpochMillis(millis);
    }

    private Instant wrongType(JsonScalar field, String pointer, FieldChecks check) {
        check.fail(WRONG_TYPE, pointer + " must be " + expected() + ", found " + describe(field.token()));
        return null;
    }

    private static Instant implausible(JsonScalar field, String pointer, FieldChecks check) {
        check.fail(
                OUT_OF_RANGE,
                pointer + " " + field.text() + " is outside " + EventTimes.EARLIEST + " .. " + EventTimes.LATEST);
        return null;
    }

    /** What the field must be, in a reject's words. */
    private String expected() {
        return switch (kind) {
            case ISO -> "an ISO-8601 timestamp string (TIME_FORMAT=iso)";
            case EPOCH_MILLIS -> "a whole number of epoch milliseconds (TIME_FORMAT=epoch-millis)";
            case EPOCH_SECONDS -> "a number of epoch seconds (TIME_FORMAT=epoch-seconds)";
            case PATTERN -> "a timestamp string of the pattern " + name + " (TIME_FORMAT)";
        };
    }
}
