package io.msklambda.producer.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

    private final String format;
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
                formatter(format.equals("iso") ? ISO : format).format(Instant.EPOCH);
            } catch (IllegalArgumentException | DateTimeException e) {
                throw SpecError.at(
                        formatNode.pointer(),
                        formatNode.node(),
                        "iso, epoch-millis, epoch-seconds or a DateTimeFormatter pattern (" + e.getMessage() + ")");
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
