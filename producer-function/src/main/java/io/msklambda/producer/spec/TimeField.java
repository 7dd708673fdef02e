package io.msklambda.producer.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * {@code $time {format, jitterMs?, late?: {fraction, minMs, maxMs}}}: the record's event time, now minus a uniform
 * jitter, and for a fraction of records minus a late delay besides. Without jitter and late it is now itself and
 * draws nothing. Formats: {@code iso} ({@code 2026-03-09T21:05:00.073Z}), {@code epoch-millis},
 * {@code epoch-seconds}, or a {@link DateTimeFormatter} pattern, always in UTC.
 */
final class TimeField extends Field {

    private static final String ISO = "uuuu-MM-dd'T'HH:mm:ss.SSSX";
    private static final long DAY_MS = 86_400_000L;
    private static final Instant SAMPLE = Instant.parse("2026-03-09T21:05:00.073Z");

    final String format;
    private final DateTimeFormatter formatter;
    private final long jitterMs;
    private final double lateFraction;
    private final long lateMinMs;
    private final long lateSpanMs;
    private long millis;
    private long formattedMillis = Long.MIN_VALUE;
    private String formatted;

    private TimeField(String format, long jitterMs, double lateFraction, long lateMinMs, long lateMaxMs) {
        this.format = format;
        this.formatter = epoch(format) ? null : formatter(format.equals("iso") ? ISO : format);
        this.jitterMs = jitterMs;
        this.lateFraction = lateFraction;
        this.lateMinMs = lateMinMs;
        this.lateSpanMs = lateMaxMs - lateMinMs + 1;
    }

    static TimeField compile(SpecNode args) {
        args.object("format", "jitterMs", "late");
        SpecNode formatNode =
                args.required("format", "iso, epoch-millis, epoch-seconds or a DateTimeFormatter pattern");
        String format = formatNode.asText("iso, epoch-millis, epoch-seconds or a DateTimeFormatter pattern");
        if (!epoch(format)) {
            try {
                // as the consumer checks TIME_FORMAT (shared-model TimeFormat.of): a time written must read back
                // (observe's time is checked by the consumer's own reader, so there it must be an instant)
                DateTimeFormatter formatter = formatter(format.equals("iso") ? ISO : format);
                TemporalAccessor read = formatter.parse(formatter.format(SAMPLE));
                if (!read.isSupported(ChronoField.INSTANT_SECONDS)) {
                    LocalDate.from(read); // a date alone is a field of its own; the consumer reads an instant only
                }
            } catch (IllegalArgumentException | DateTimeException e) {
                throw SpecError.at(
                        formatNode.pointer(),
                        formatNode.node(),
                        "iso, epoch-millis, epoch-seconds or a DateTimeFormatter pattern with a date (and a time of"
                                + " day) that reads back the time it writes (" + e.getMessage() + ")");
            }
        }
        long jitter = args.longOr("jitterMs", 0, 0, DAY_MS);
        SpecNode late = args.get("late");
        if (late.isMissing()) {
            return new TimeField(format, jitter, 0, 0, 0);
        }
        late.object("fraction", "minMs", "maxMs");
        SpecNode fractionNode = late.required("fraction", "a number above 0 and at most 1");
        double fraction = fractionNode.asPositive();
        if (fraction > 1) {
            throw SpecError.at(fractionNode.pointer(), fractionNode.node(), "a number above 0 and at most 1");
        }
        long minMs = late.required("minMs", "milliseconds").asLong(0, 365 * DAY_MS);
        SpecNode maxNode = late.required("maxMs", "milliseconds, not below minMs");
        long maxMs = maxNode.asLong(minMs, 365 * DAY_MS);
        return new TimeField(format, jitter, fraction, minMs, maxMs);
    }

    private static boolean epoch(String format) {
        return format.equals("epoch-millis") || format.equals("epoch-seconds");
    }

    private static DateTimeFormatter formatter(String pattern) {
        return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC);
    }

    @Override
    void draw(Draw draw) {
        long t = draw.nowMillis;
        if (jitterMs > 0) {
            t -= draw.random.nextLong(jitterMs + 1);
        }
        if (lateFraction > 0 && draw.random.nextDouble() < lateFraction) {
            t -= lateMinMs + draw.random.nextLong(lateSpanMs);
        }
        millis = t;
    }

    @Override
    void write(JsonGenerator json) throws IOException {
        if (formatter != null) {
            json.writeString(text());
        } else {
            json.writeNumber(format.equals("epoch-millis") ? millis : Math.floorDiv(millis, 1000L));
        }
    }

    @Override
    boolean hasText() {
        return true;
    }

    /** Formatting is the costliest step of a record: a fast producer writes many records in one millisecond. */
    @Override
    String text() {
        if (formatter == null) {
            return Long.toString(format.equals("epoch-millis") ? millis : Math.floorDiv(millis, 1000L));
        }
        if (millis != formattedMillis) {
            formatted = formatter.format(Instant.ofEpochMilli(millis));
            formattedMillis = millis;
        }
        return formatted;
    }
}
