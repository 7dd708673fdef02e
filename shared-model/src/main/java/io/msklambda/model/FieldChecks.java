package io.msklambda.model;

import static io.msklambda.model.JsonScalar.describe;
import static io.msklambda.model.RejectReason.MISSING_FIELD;
import static io.msklambda.model.RejectReason.NON_FINITE_NUMBER;
import static io.msklambda.model.RejectReason.OUT_OF_RANGE;
import static io.msklambda.model.RejectReason.WRONG_TYPE;

import com.fasterxml.jackson.core.JsonToken;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The rules every shape's fields share (present, a whole number in a range, a finite number under the precision rule
 * of {@link AggregatedDecimal}, a non-blank string, a plausible time), applied one after another: the first problem is kept, and once
 * there is one, later checks return placeholders that are never used. This keeps each shape's reader a flat list of
 * checks. One instance per record.
 */
final class FieldChecks {

    static final int MAX_DETAIL = 200;

    private DecodeResult.Rejected problem;

    /** The first problem found, or null. */
    DecodeResult.Rejected problem() {
        return problem;
    }

    void fail(RejectReason reason, String detail) {
        if (problem == null) {
            problem = DecodeResult.rejected(reason, clip(detail));
        }
    }

    /** Keeps a problem found while the field was read (its detail already clipped), unless one came first. */
    void fail(DecodeResult.Rejected found) {
        if (problem == null) {
            problem = found;
        }
    }

    /** True, with a {@code MISSING_FIELD} problem, when the field is absent or null. */
    boolean missing(JsonScalar field, String name) {
        if (field == null || field.isNull()) {
            fail(MISSING_FIELD, name + " is missing");
            return true;
        }
        return false;
    }

    long wholeNumber(JsonScalar field, String name, long min, long max) {
        if (missing(field, name)) {
            return 0;
        }
        if (field.token() != JsonToken.VALUE_NUMBER_INT) {
            fail(WRONG_TYPE, name + " must be a whole number, found " + describe(field.token()));
            return 0;
        }
        if (field.whole() < min || field.whole() > max) {
            fail(OUT_OF_RANGE, name + " " + field.text() + " is outside " + min + ".." + max);
        }
        return field.whole();
    }

    /**
     * A number's value under the precision rule ({@link AggregatedDecimal}): the decimal written, rounded to 17
     * significant digits and 13 decimals at most, within ±1E+15. A text whose double is not finite ({@code NaN},
     * {@code Infinity}, {@code 1e999}) is {@code NON_FINITE_NUMBER}, a finite one beyond ±1E+15 {@code OUT_OF_RANGE}.
     */
    BigDecimal finiteNumber(JsonScalar field, String name) {
        if (missing(field, name)) {
            return BigDecimal.ZERO;
        }
        if (field.token() != JsonToken.VALUE_NUMBER_INT && field.token() != JsonToken.VALUE_NUMBER_FLOAT) {
            fail(WRONG_TYPE, name + " must be a number, found " + describe(field.token()));
            return BigDecimal.ZERO;
        }
        if (!Double.isFinite(field.number())) {
            fail(NON_FINITE_NUMBER, name + " is not finite: " + field.text());
            return BigDecimal.ZERO;
        }
        BigDecimal value = AggregatedDecimal.of(field.text());
        if (value == null) {
            fail(OUT_OF_RANGE, beyondTheLargest(name, field.text()));
            return BigDecimal.ZERO;
        }
        return value;
    }

    /** The detail of a number beyond {@link AggregatedDecimal#MAX_MAGNITUDE}. */
    static String beyondTheLargest(String name, String text) {
        return name + " " + text + " is beyond ±1E+15, the largest magnitude aggregated (see README \"Precision\")";
    }

    String text(JsonScalar field, String name) {
        if (missing(field, name)) {
            return null;
        }
        if (field.token() != JsonToken.VALUE_STRING) {
            fail(WRONG_TYPE, name + " must be a string, found " + describe(field.token()));
            return null;
        }
        if (field.text().isBlank()) {
            fail(MISSING_FIELD, name + " is empty");
        }
        return field.text();
    }

    /** A timestamp in any form {@link EventTimes#parse} reads, or epoch milliseconds, within the plausible years. */
    Instant time(JsonScalar field, String name) {
        if (missing(field, name)) {
            return null;
        }
        Instant time;
        if (field.token() == JsonToken.VALUE_NUMBER_INT && field.whole() != Long.MAX_VALUE) {
            time = EventTimes.fromEpochMillis(field.whole());
        } else if (field.token() == JsonToken.VALUE_NUMBER_INT) {
            fail(OUT_OF_RANGE, name + " " + field.text() + " is not a plausible time");
            return null;
        } else if (field.token() == JsonToken.VALUE_STRING) {
            try {
                time = EventTimes.parse(field.text());
            } catch (DateTimeParseException e) {
                fail(WRONG_TYPE, name + " is not a timestamp: \"" + field.text() + "\"");
                return null;
            }
        } else {
            fail(
                    WRONG_TYPE,
                    name + " must be a timestamp string or epoch milliseconds, found " + describe(field.token()));
            return null;
        }
        if (!EventTimes.isPlausible(time)) {
            fail(
                    OUT_OF_RANGE,
                    name + " " + field.text() + " is outside " + EventTimes.EARLIEST + " .. " + EventTimes.LATEST);
        }
        return time;
    }

    /** A detail cut to {@value #MAX_DETAIL} characters, so that a huge value is never copied into a reject. */
    static String clip(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
    }
}
