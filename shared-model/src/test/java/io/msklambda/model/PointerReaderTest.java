package io.msklambda.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PointerReaderTest {

    private static final Instant TIME = Instant.parse("2026-03-09T21:05:00.073Z");
    private static final PointerReader EV = new PointerReader("/vehicle/id", "/vehicle/battery/temp", "/ts", "iso");

    private static Observed read(PointerReader reader, String json) {
        return reader.observe(null, json.getBytes(StandardCharsets.UTF_8));
    }

    private static Reading reading(String series, Instant time, String value) {
        return new Reading(series, time, new BigDecimal(value));
    }

    @Test
    void readsNestedMembersInOnePassWhateverTheirOrderAndTheMembersAround() {
        String json = "{\"ts\":\"2026-03-09T21:05:00.073Z\",\"extra\":[{\"vehicle\":1}],"
                + "\"vehicle\":{\"model\":{\"id\":\"no\"},\"battery\":{\"soc\":81.5,\"temp\":31.25},\"id\":\"EV-0001\"}}";

        assertThat(read(EV, json)).isEqualTo(reading("EV-0001", TIME, "31.25"));
    }

    @Test
    void followsArrayIndexesAndNothingElseIntoArrays() {
        PointerReader reader = new PointerReader("/meta/0/page", "/readings/1/v", "/t", "epoch-millis");
        String json = "{\"readings\":[{\"v\":1},{\"v\":2.5},{\"v\":9}],\"meta\":[{\"page\":\"/home\"}],"
                + "\"t\":1773090300073}";

        assertThat(read(reader, json)).isEqualTo(reading("/home", TIME, "2.5"));
        assertThat(read(reader, "{\"readings\":[{\"v\":1}],\"meta\":[{\"page\":\"/home\"}],\"t\":1773090300073}"))
                .isEqualTo(DecodeResult.rejected(RejectReason.MISSING_FIELD, "/readings/1/v is missing"));
    }

    @Test
    void unescapesTildeOneAsSlashAndTildeZeroAsTilde() {
        PointerReader reader = new PointerReader("/a~1b", "/m~0n/~01", "/t", "iso");
        String json = "{\"a/b\":\"x\",\"m~n\":{\"~1\":7,\"/\":8},\"t\":\"2026-03-09T21:05:00.073Z\"}";

        assertThat(read(reader, json)).isEqualTo(reading("x", TIME, "7.0"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"vehicle":{"id":"EV-1","battery":{}},"ts":"2026-03-09T21:05:00.073Z"}                 | MISSING_FIELD | /vehicle/battery/temp is missing
            {"vehicle":{"id":"EV-1","battery":{"temp":null}},"ts":"2026-03-09T21:05:00.073Z"}      | MISSING_FIELD | /vehicle/battery/temp is null
            {"vehicle":{"id":"EV-1","battery":7},"ts":"2026-03-09T21:05:00.073Z"}                  | MISSING_FIELD | /vehicle/battery/temp is missing
            {"vehicle":{"battery":{"temp":1}},"ts":"2026-03-09T21:05:00.073Z"}                     | MISSING_FIELD | /vehicle/id is missing
            {"vehicle":{"id":"","battery":{"temp":1}},"ts":"2026-03-09T21:05:00.073Z"}             | MISSING_FIELD | /vehicle/id is empty
            {"vehicle":{"id":"EV-1","battery":{"temp":1}}}                                         | MISSING_FIELD | /ts is missing
            {"vehicle":{"id":{"n":1},"battery":{"temp":1}},"ts":"2026-03-09T21:05:00.073Z"}        | WRONG_TYPE    | /vehicle/id must be a string or a whole number (the series), found an object
            {"vehicle":{"id":[1],"battery":{"temp":1}},"ts":"2026-03-09T21:05:00.073Z"}            | WRONG_TYPE    | /vehicle/id must be a string or a whole number (the series), found an array
            {"vehicle":{"id":true,"battery":{"temp":1}},"ts":"2026-03-09T21:05:00.073Z"}           | WRONG_TYPE    | /vehicle/id must be a string or a whole number (the series), found a boolean
            {"vehicle":{"id":1.5,"battery":{"temp":1}},"ts":"2026-03-09T21:05:00.073Z"}            | WRONG_TYPE    | /vehicle/id must be a string or a whole number (the series), found a decimal number
            {"vehicle":{"id":"EV-1","battery":{"temp":"hot"}},"ts":"2026-03-09T21:05:00.073Z"}     | WRONG_TYPE    | /vehicle/battery/temp must be a number, found a string
            {"vehicle":{"id":"EV-1","battery":{"temp":NaN}},"ts":"2026-03-09T21:05:00.073Z"}       | NON_FINITE_NUMBER | /vehicle/battery/temp is not finite: NaN
            {"vehicle":{"id":"EV-1","battery":{"temp":1e300}},"ts":"2026-03-09T21:05:00.073Z"}     | OUT_OF_RANGE  | /vehicle/battery/temp 1e300 is beyond ±1E+15, the largest magnitude aggregated (see README "Precision")
            {"vehicle":{"id":"EV-1","battery":{"temp":1}},"ts":1773090300073}                      | WRONG_TYPE    | /ts must be an ISO-8601 timestamp string (TIME_FORMAT=iso), found a whole number
            {"vehicle":{"id":"EV-1","battery":{"temp":1}},"ts":"yesterday"}                        | WRONG_TYPE    | /ts is not an ISO-8601 timestamp string (TIME_FORMAT=iso): "yesterday"
            {"vehicle":{"id":"EV-1","battery":{"temp":1}},"ts":"1999-12-31T23:59:59Z"}             | OUT_OF_RANGE  | /ts 1999-12-31T23:59:59Z is outside 2000-01-01T00:00:00Z .. 2100-01-01T00:00:00Z
            [{"vehicle":{"id":"EV-1","battery":{"temp":1}},"ts":"2026-03-09T21:05:00.073Z"}]       | NOT_JSON      | expected a JSON object, found an array
            "EV-1"                                                                                 | NOT_JSON      | expected a JSON object, found a string
            {"vehicle":{"id":"EV-1","battery":{"temp":1}},"ts":"2026-03-09T21:05:00.073Z"} {}      | NOT_JSON      | content after the JSON object
            """)
    void rejectsNameThePointer(String json, RejectReason reason, String detail) {
        assertThat(read(EV, json)).isEqualTo(DecodeResult.rejected(reason, detail));
    }

    @Test
    void theFirstProblemInSeriesValueTimeOrderIsTheReject() {
        assertThat(read(EV, "{}"))
                .isEqualTo(DecodeResult.rejected(RejectReason.MISSING_FIELD, "/vehicle/id is missing"));
    }

    @Test
    void aRepeatedMemberCountsAsItsLastOccurrenceForValuesAndForPaths() {
        assertThat(read(
                        EV,
                        "{\"vehicle\":{\"id\":\"a\",\"id\":\"b\",\"battery\":{\"temp\":1},\"battery\":{\"temp\":2}},"
                                + "\"ts\":\"2026-03-09T21:05:00.073Z\"}"))
                .isEqualTo(reading("b", TIME, "2.0"));
        assertThat(read(
                        EV,
                        "{\"vehicle\":{\"id\":\"a\",\"battery\":{\"temp\":1},\"battery\":{\"soc\":2}},"
                                + "\"ts\":\"2026-03-09T21:05:00.073Z\"}"))
                .isEqualTo(DecodeResult.rejected(RejectReason.MISSING_FIELD, "/vehicle/battery/temp is missing"));
    }

    @Test
    void aWholeNumberSeriesIsItsTextAndTheValueFollowsThePrecisionRule() {
        PointerReader reader = new PointerReader("/device_id", "/temperature", "/timestamp", "iso");
        assertThat(
                        read(
                                reader,
                                "{\"device_id\":17,\"timestamp\":\"2026-03-09T21:05:00.073Z\",\"temperature\":27.400000000000001}"))
                .isEqualTo(reading("17", TIME, "27.4"));
    }

    @Test
    void aSeriesIsAtMostTheBytesOfADynamoDbPartitionKey() {
        PointerReader reader = new PointerReader("/s", "/v", "/t", "epoch-millis");
        String longest = "é".repeat(1024); // 2,048 bytes of UTF-8
        assertThat(read(reader, "{\"s\":\"" + longest + "\",\"v\":1,\"t\":1773090300073}"))
                .isEqualTo(reading(longest, TIME, "1.0"));
        assertThat(read(reader, "{\"s\":\"" + longest + "e\",\"v\":1,\"t\":1773090300073}"))
                .isEqualTo(DecodeResult.rejected(
                        RejectReason.OUT_OF_RANGE,
                        "/s is 2049 bytes long; a series is at most 2048 bytes, DynamoDB's limit for a partition key"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            iso                         | "2026-03-09T21:05:00.073Z"      | 2026-03-09T21:05:00.073Z
            iso                         | "2026-03-09T23:05:00.073+02:00" | 2026-03-09T21:05:00.073Z
            iso                         | "2026-03-09 21:05:00.073"       | 2026-03-09T21:05:00.073Z
            epoch-millis                | 1773090300073                   | 2026-03-09T21:05:00.073Z
            epoch-seconds               | 1773090300                      | 2026-03-09T21:05:00Z
            epoch-seconds               | 1773090300.0739                 | 2026-03-09T21:05:00.073Z
            epoch-seconds               | 1.7730903000739E9               | 2026-03-09T21:05:00.073Z
            EPOCH-SECONDS               | 1773090300.5                    | 2026-03-09T21:05:00.500Z
            dd/MM/yyyy HH:mm:ss.SSS     | "09/03/2026 21:05:00.073"       | 2026-03-09T21:05:00.073Z
            yyyy-MM-dd'T'HH:mm:ssXXX    | "2026-03-09T22:05:00+01:00"     | 2026-03-09T21:05:00Z
            d MMM uuuu HH:mm            | "9 Mar 2026 21:05"              | 2026-03-09T21:05:00Z
            """)
    void readsEachTimeFormatAsUtcUnlessTheTextHasAnOffset(String format, String written, Instant expected) {
        PointerReader reader = new PointerReader("/s", "/v", "/t", format);
        assertThat(read(reader, "{\"s\":\"a\",\"v\":1,\"t\":" + written + "}"))
                .isEqualTo(new Reading("a", expected, new BigDecimal("1.0")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            epoch-millis            | "1773090300073"     | WRONG_TYPE    | /t must be a whole number of epoch milliseconds (TIME_FORMAT=epoch-millis), found a string
            epoch-millis            | 1773090300.073      | WRONG_TYPE    | /t must be a whole number of epoch milliseconds (TIME_FORMAT=epoch-millis), found a decimal number
            epoch-millis            | 1773090300          | OUT_OF_RANGE  | /t 1773090300 is outside 2000-01-01T00:00:00Z .. 2100-01-01T00:00:00Z
            epoch-millis            | 99999999999999999999 | OUT_OF_RANGE | /t 99999999999999999999 is outside 2000-01-01T00:00:00Z .. 2100-01-01T00:00:00Z
            epoch-seconds           | 1773090300073       | OUT_OF_RANGE  | /t 1773090300073 is outside 2000-01-01T00:00:00Z .. 2100-01-01T00:00:00Z
            epoch-seconds           | 1e-1000000000       | OUT_OF_RANGE  | /t 1e-1000000000 is outside 2000-01-01T00:00:00Z .. 2100-01-01T00:00:00Z
            epoch-seconds           | -1773090300         | OUT_OF_RANGE  | /t -1773090300 is outside 2000-01-01T00:00:00Z .. 2100-01-01T00:00:00Z
            epoch-seconds           | Infinity            | NON_FINITE_NUMBER | /t is not finite: Infinity
            epoch-seconds           | "1773090300"        | WRONG_TYPE    | /t must be a number of epoch seconds (TIME_FORMAT=epoch-seconds), found a string
            dd/MM/yyyy HH:mm:ss     | "2026-03-09 21:05:00" | WRONG_TYPE  | /t is not a timestamp string of the pattern dd/MM/yyyy HH:mm:ss (TIME_FORMAT): "2026-03-09 21:05:00"
            dd/MM/yyyy HH:mm:ss     | 1773090300073       | WRONG_TYPE    | /t must be a timestamp string of the pattern dd/MM/yyyy HH:mm:ss (TIME_FORMAT), found a whole number
            """)
    void aTimeInAnotherFormThanTheDeclaredOneIsRejectedNamingPointerAndFormat(
            String format, String written, RejectReason reason, String detail) {
        PointerReader reader = new PointerReader("/s", "/v", "/t", format);
        assertThat(read(reader, "{\"s\":\"a\",\"v\":1,\"t\":" + written + "}"))
                .isEqualTo(DecodeResult.rejected(reason, detail));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            ''         | /v   | /t   | iso          | SERIES_FIELD='' is not allowed: a JSON Pointer (RFC 6901) to a member, such as /vehicle/battery/temp: '/' before each member name or array index, ~1 for a '/' and ~0 for a '~' in a name (the empty pointer is the whole record)
            vehicle/id | /v   | /t   | iso          | SERIES_FIELD='vehicle/id' is not allowed: a JSON Pointer (RFC 6901) to a member, such as /vehicle/battery/temp: '/' before each member name or array index, ~1 for a '/' and ~0 for a '~' in a name
            /s         | /a~2 | /t   | iso          | VALUE_FIELD='/a~2' is not allowed: a JSON Pointer (RFC 6901) to a member, such as /vehicle/battery/temp: '/' before each member name or array index, ~1 for a '/' and ~0 for a '~' in a name
            /s         | /v   | null | iso          | TIME_FIELD is required: a JSON Pointer (RFC 6901) to a member, such as /vehicle/battery/temp: '/' before each member name or array index, ~1 for a '/' and ~0 for a '~' in a name
            /a         | /a/b | /t   | iso          | SERIES_FIELD='/a' is not allowed: a JSON Pointer (RFC 6901) to a member, such as /vehicle/battery/temp: '/' before each member name or array index, ~1 for a '/' and ~0 for a '~' in a name, not a prefix of VALUE_FIELD (/a/b): a member is a value or holds one
            /s         | /t/0 | /t   | iso          | TIME_FIELD='/t' is not allowed: a JSON Pointer (RFC 6901) to a member, such as /vehicle/battery/temp: '/' before each member name or array index, ~1 for a '/' and ~0 for a '~' in a name, not a prefix of VALUE_FIELD (/t/0): a member is a value or holds one
            /s         | /v   | /s   | iso          | SERIES_FIELD='/s' is not allowed: a JSON Pointer (RFC 6901) to a member, such as /vehicle/battery/temp: '/' before each member name or array index, ~1 for a '/' and ~0 for a '~' in a name, another member than TIME_FIELD (/s)
            /s         | /v   | /t   | yyyy-MM-dd   | TIME_FORMAT='yyyy-MM-dd' is not allowed: iso, epoch-millis, epoch-seconds, or a java.time DateTimeFormatter pattern with a date and a time of day, such as yyyy-MM-dd HH:mm:ss.SSS (read as UTC unless it has a zone or offset) (it does not read back 2026-03-09T21:05:00.073Z)
            /s         | /v   | /t   | ' '          | TIME_FORMAT=' ' is not allowed: iso, epoch-millis, epoch-seconds, or a java.time DateTimeFormatter pattern with a date and a time of day, such as yyyy-MM-dd HH:mm:ss.SSS (read as UTC unless it has a zone or offset)
            """)
    void aBadPointerOrFormatFailsAtConstructionNamingVariableValueAndWhatIsAllowed(
            String series, String value, String time, String format, String message) {
        assertThatThrownBy(() -> new PointerReader(series, value, time, format))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(message);
    }

    @Test
    void anUnknownPatternLetterIsNamedInTheError() {
        assertThatThrownBy(() -> new PointerReader("/s", "/v", "/t", "epoch-milis"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("TIME_FORMAT='epoch-milis' is not allowed: iso, epoch-millis, epoch-seconds, ")
                .hasMessageEndingWith("(Unknown pattern letter: o)");
    }

    @Test
    void readersOfTheSameTextsAreEqual() {
        assertThat(new PointerReader("/vehicle/id", "/vehicle/battery/temp", "/ts", "iso"))
                .isEqualTo(EV)
                .hasSameHashCodeAs(EV)
                .hasToString(
                        "SERIES_FIELD=/vehicle/id, VALUE_FIELD=/vehicle/battery/temp, TIME_FIELD=/ts, TIME_FORMAT=iso");
    }
}
