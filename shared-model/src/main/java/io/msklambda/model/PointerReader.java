package io.msklambda.model;

import static io.msklambda.model.JsonScalar.describe;
import static io.msklambda.model.RejectReason.MISSING_FIELD;
import static io.msklambda.model.RejectReason.NOT_JSON;
import static io.msklambda.model.RejectReason.NOT_UTF8;
import static io.msklambda.model.RejectReason.OUT_OF_RANGE;
import static io.msklambda.model.RejectReason.WRONG_TYPE;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@link RecordObserver} for any JSON record: its series, value and event time are where three JSON Pointers
 * (RFC 6901, https://www.rfc-editor.org/rfc/rfc6901) point, the consumer's {@code SERIES_FIELD}, {@code VALUE_FIELD} and
 * {@code TIME_FIELD}, and the time is written as {@code TIME_FORMAT} says ({@code iso}, {@code epoch-millis},
 * {@code epoch-seconds} or a {@code java.time} pattern). {@code /vehicle/battery/temp} is member {@code temp} of member
 * {@code battery} of member {@code vehicle}; {@code /readings/0/value} goes through the first element of an array;
 * {@code ~1} stands for a {@code /} and {@code ~0} for a {@code ~} within a name.
 *
 * <ul>
 *   <li>series: a string, or a whole number as written ({@code 17}); 1 to {@value Reading#MAX_SERIES_BYTES} bytes;
 *   <li>value: any number, by the precision rule ({@link AggregatedDecimal}), rejected as the presets reject theirs;
 *   <li>time: in the declared format only, within {@link EventTimes#EARLIEST} .. {@link EventTimes#LATEST}.
 * </ul>
 *
 * Every reject names the pointer: {@code MISSING_FIELD "/vehicle/battery/temp is missing"} (or {@code is null}),
 * {@code WRONG_TYPE "/ts must be a whole number of epoch milliseconds (TIME_FORMAT=epoch-millis), found a string"}. The
 * record must be one JSON object (else {@code NOT_JSON}), read in one streaming pass ({@link PointerTrie}); a repeated
 * member counts as its last occurrence. Immutable and thread-safe; equal when built from the same four texts.
 */
public final class PointerReader implements RecordObserver {

    /** The consumer's variables, named in the errors of a bad pointer or format. */
    public static final String SERIES_FIELD = "SERIES_FIELD";

    public static final String VALUE_FIELD = "VALUE_FIELD";
    public static final String TIME_FIELD = "TIME_FIELD";
    public static final String TIME_FORMAT = "TIME_FORMAT";

    /** What a pointer may be, for the init error. */
    public static final String POINTER_RULE = "a JSON Pointer (RFC 6901) to a member, such as /vehicle/battery/temp:"
            + " '/' before each member name or array index, ~1 for a '/' and ~0 for a '~' in a name";

    private static final Pattern POINTER = Pattern.compile("(/([^~/]|~[01])*)+");
    private static final int SERIES = 0;
    private static final int VALUE = 1;
    private static final int TIME = 2;

    private final String seriesPointer;
    private final String valuePointer;
    private final String timePointer;
    private final TimeFormat timeFormat;
    private final PointerTrie trie;

    /**
     * @param timeFormat {@code iso}, {@code epoch-millis}, {@code epoch-seconds} or a {@code DateTimeFormatter} pattern
     * @throws InvalidConfigException naming the variable ({@link #SERIES_FIELD}, …), the value and what is allowed,
     *     for a pointer that is empty or not RFC 6901, a pointer that is another's prefix (or equal to it), or a format
     *     that is none of those
     */
    public PointerReader(String seriesPointer, String valuePointer, String timePointer, String timeFormat) {
        String[] variables = {SERIES_FIELD, VALUE_FIELD, TIME_FIELD};
        String[] texts = {seriesPointer, valuePointer, timePointer};
        List<List<String>> segments = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) {
            segments.add(segments(variables[i], texts[i]));
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                requireNotPrefix(variables, texts, segments, i, j);
            }
        }
        this.seriesPointer = seriesPointer;
        this.valuePointer = valuePointer;
        this.timePointer = timePointer;
        this.timeFormat = TimeFormat.of(TIME_FORMAT, timeFormat);
        this.trie = new PointerTrie(segments);
    }

    @Override
    public Observed observe(byte[] key, byte[] value) {
        if (!RecordReader.isUtf8(value)) {
            return DecodeResult.rejected(NOT_UTF8, "the value is not valid UTF-8 (" + value.length + " bytes)");
        }
        JsonScalar[] found;
        try (JsonParser json = JsonCodec.parser(value)) {
            JsonToken first = json.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return DecodeResult.rejected(NOT_JSON, "expected a JSON object, found " + describe(first));
            }
            found = trie.find(json);
            if (json.nextToken() != null) {
                return DecodeResult.rejected(NOT_JSON, "content after the JSON object");
            }
        } catch (IOException e) {
            return RecordReader.notJson(e);
        }
        FieldChecks check = new FieldChecks();
        String series = series(found[SERIES], check);
        BigDecimal number =
                present(found[VALUE], valuePointer, check) ? check.finiteNumber(found[VALUE], valuePointer) : null;
        Instant time =
                present(found[TIME], timePointer, check) ? timeFormat.read(found[TIME], timePointer, check) : null;
        return check.problem() != null ? check.problem() : new Reading(series, time, number);
    }

    private String series(JsonScalar field, FieldChecks check) {
        if (!present(field, seriesPointer, check)) {
            return null;
        }
        if (field.token() != JsonToken.VALUE_STRING && field.token() != JsonToken.VALUE_NUMBER_INT) {
            check.fail(
                    WRONG_TYPE,
                    seriesPointer + " must be a string or a whole number (the series), found "
                            + describe(field.token()));
            return null;
        }
        String series = field.text();
        if (series.isEmpty()) {
            check.fail(MISSING_FIELD, seriesPointer + " is empty");
        } else if (Reading.isTooLong(series)) {
            // a partition key value is at most 2,048 bytes ("Partition key length",
            // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html#limits-partition-sort-keys)
            check.fail(
                    OUT_OF_RANGE,
                    seriesPointer + " is " + Reading.utf8Length(series) + " bytes long; a series is at most "
                            + Reading.MAX_SERIES_BYTES + " bytes, DynamoDB's limit for a partition key");
        }
        return series;
    }

    /** False, with a {@code MISSING_FIELD} problem naming the pointer, when the record has no value there or null. */
    private static boolean present(JsonScalar field, String pointer, FieldChecks check) {
        if (field == null || field.isNull()) {
            check.fail(MISSING_FIELD, pointer + (field == null ? " is missing" : " is null"));
            return false;
        }
        return true;
    }

    private static List<String> segments(String variable, String text) {
        if (text == null) {
            throw new InvalidConfigException(variable, null, POINTER_RULE);
        }
        if (!POINTER.matcher(text).matches()) {
            throw new InvalidConfigException(
                    variable,
                    text,
                    text.isEmpty() ? POINTER_RULE + " (the empty pointer is the whole record)" : POINTER_RULE);
        }
        List<String> segments = new ArrayList<>();
        for (JsonPointer pointer = JsonPointer.compile(text); !pointer.matches(); pointer = pointer.tail()) {
            segments.add(pointer.getMatchingProperty());
        }
        return segments;
    }

    /** Pointer {@code i} is not pointer {@code j}, nor a prefix of it: one member cannot be a value and hold one. */
    private static void requireNotPrefix(
            String[] variables, String[] texts, List<List<String>> segments, int i, int j) {
        List<String> shorter = segments.get(i);
        List<String> longer = segments.get(j);
        if (i == j
                || shorter.size() > longer.size()
                || !longer.subList(0, shorter.size()).equals(shorter)) {
            return;
        }
        String other = variables[j] + " (" + texts[j] + ")";
        throw new InvalidConfigException(
                variables[i],
                texts[i],
                shorter.size() == longer.size()
                        ? POINTER_RULE + ", another member than " + other
                        : POINTER_RULE + ", not a prefix of " + other + ": a member is a value or holds one");
    }

    /** {@code SERIES_FIELD}'s pointer, as given. */
    public String seriesPointer() {
        return seriesPointer;
    }

    /** {@code VALUE_FIELD}'s pointer, as given. */
    public String valuePointer() {
        return valuePointer;
    }

    /** {@code TIME_FIELD}'s pointer, as given. */
    public String timePointer() {
        return timePointer;
    }

    /** {@code TIME_FORMAT}: {@code iso}, {@code epoch-millis}, {@code epoch-seconds} (in lower case) or the pattern. */
    public String timeFormat() {
        return timeFormat.name();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PointerReader that
                && seriesPointer.equals(that.seriesPointer)
                && valuePointer.equals(that.valuePointer)
                && timePointer.equals(that.timePointer)
                && timeFormat.name().equals(that.timeFormat.name());
    }

    @Override
    public int hashCode() {
        return Objects.hash(seriesPointer, valuePointer, timePointer, timeFormat.name());
    }

    @Override
    public String toString() {
        return SERIES_FIELD + "=" + seriesPointer + ", " + VALUE_FIELD + "=" + valuePointer + ", " + TIME_FIELD + "="
                + timePointer + ", " + TIME_FORMAT + "=" + timeFormat.name();
    }
}
