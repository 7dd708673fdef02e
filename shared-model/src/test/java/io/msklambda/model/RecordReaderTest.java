package io.msklambda.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecordReaderTest {

    private static final Instant TIME = Instant.parse("2026-03-09T21:05:00.073Z");

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"device_id\":17,\"timestamp\":\"2026-03-09T21:05:00.073Z\",\"temperature\":27.4}",
                "{\"device_id\":17,\"timestamp\":\"2026-03-09 21:05:00.073\",\"temperature\":27.4}",
                "{\"device_id\":17,\"timestamp\":\"2026-03-09T21:05:00.073\",\"temperature\":27.4}",
                "{\"device_id\":17,\"timestamp\":\"2026-03-09T23:05:00.073+02:00\",\"temperature\":27.4}",
                "{\"device_id\":17,\"timestamp\":1773090300073,\"temperature\":27.4}",
                "{\"device_id\":\"17\",\"timestamp\":1773090300073,\"temperature\":27.4}",
                "{\"temperature\":27.4,\"extra\":{\"nested\":[1,2]},\"timestamp\":1773090300073,\"device_id\":17}",
                " {\n  \"device_id\": 17,\n  \"timestamp\": 1773090300073,\n  \"temperature\": 27.4\n}\n",
            })
    void readsTelemetryInEveryFormProducersWrite(String json) {
        assertThat(JsonCodec.decode(bytes(json))).isEqualTo(new DecodeResult.Decoded(new Telemetry(17, TIME, 27.4)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0.30000000000000004                  | 0.3
            27.400000000000001                   | 27.4
            0.1000000000000000055511151231257827 | 0.1
            0.8444218515250481                   | 0.844421851525
            1e-20                                | 0.0
            -0.0                                 | 0.0
            1E+15                                | 1000000000000000.0
            1.23456789012345678E+14              | 123456789012345.68
            20                                   | 20.0
            """)
    void aggregatesEveryFiniteNumberAsTheDecimalWrittenRounded(String written, String value) {
        String json = "{\"device_id\":17,\"timestamp\":1773090300073,\"temperature\":" + written + "}";
        assertThat(JsonCodec.decode(bytes(json)))
                .isEqualTo(new DecodeResult.Decoded(new Telemetry(17, TIME, new BigDecimal(value))));
    }

    @Test
    void namesTheLargestMagnitudeWhenANumberIsBeyondIt() {
        assertThat(JsonCodec.decode(
                        bytes("{\"device_id\":1,\"timestamp\":1773090300073,\"temperature\":1.0000000000000001E+15}")))
                .isEqualTo(DecodeResult.rejected(
                        RejectReason.OUT_OF_RANGE,
                        "temperature 1.0000000000000001E+15 is beyond ±1E+15, the largest magnitude aggregated"
                                + " (see README \"Precision\")"));
    }

    @Test
    void readsOrderWhateverTheItemsForm() {
        Order expected = new Order("o-1", TIME, "febxa", List.of(new OrderItem(1, 2), new OrderItem(3, 4)));
        assertThat(
                        JsonCodec.decode(
                                bytes(
                                        "{\"order_id\":\"o-1\",\"ordered_at\":\"2026-03-09 21:05:00.073\","
                                                + "\"user_id\":\"febxa\",\"items\":[{\"product_id\":1,\"quantity\":2},{\"product_id\":3,\"quantity\":4}]}")))
                .isEqualTo(new DecodeResult.Decoded(expected));
        assertThat(JsonCodec.decode(bytes("{\"order_id\":\"o-1\",\"ordered_at\":\"2026-03-09 21:05:00.073\","
                        + "\"user_id\":\"febxa\",\"items\":\"[{\\\"product_id\\\":1,\\\"quantity\\\":2},"
                        + "{\\\"quantity\\\":4,\\\"product_id\\\":3}]\"}")))
                .isEqualTo(new DecodeResult.Decoded(expected));
    }

    @ParameterizedTest(name = "{1} <- {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Hello, this is a test.                                                            | NOT_JSON
            [1,2,3]                                                                           | NOT_JSON
            {"device_id":17                                                                   | NOT_JSON
            {"device_id":1,"timestamp":1773090300073,"temperature":1} trailing                | NOT_JSON
            {"key":"value"}                                                                   | UNKNOWN_SHAPE
            {}                                                                                | UNKNOWN_SHAPE
            {"device_id":17,"timestamp":1773090300073}                                        | MISSING_FIELD
            {"device_id":17,"timestamp":null,"temperature":20}                                | MISSING_FIELD
            {"device_id":null,"timestamp":1773090300073,"temperature":20}                     | MISSING_FIELD
            {"device_id":17.5,"timestamp":1773090300073,"temperature":20}                     | WRONG_TYPE
            {"device_id":"seventeen","timestamp":1773090300073,"temperature":20}              | WRONG_TYPE
            {"device_id":17,"timestamp":1773090300073,"temperature":"hot"}                    | WRONG_TYPE
            {"device_id":17,"timestamp":"yesterday","temperature":20}                         | WRONG_TYPE
            {"device_id":17,"timestamp":true,"temperature":20}                                | WRONG_TYPE
            {"device_id":17,"timestamp":1773090300073,"temperature":NaN}                      | NON_FINITE_NUMBER
            {"device_id":17,"timestamp":1773090300073,"temperature":1e999}                    | NON_FINITE_NUMBER
            {"device_id":17,"timestamp":1773090300073,"temperature":-Infinity}                | NON_FINITE_NUMBER
            {"device_id":-1,"timestamp":1773090300073,"temperature":20}                       | OUT_OF_RANGE
            {"device_id":1,"timestamp":1773090300073,"temperature":1e300}                     | OUT_OF_RANGE
            {"device_id":1,"timestamp":1773090300073,"temperature":-2e15}                     | OUT_OF_RANGE
            {"device_id":17,"timestamp":1773090300,"temperature":20}                          | OUT_OF_RANGE
            {"device_id":17,"timestamp":"2150-01-01T00:00:00Z","temperature":20}              | OUT_OF_RANGE
            {"device_id":17,"timestamp":99999999999999999999999,"temperature":20}             | OUT_OF_RANGE
            {"order_id":"o","ordered_at":"2026-03-09 21:05:00.073","user_id":"u"}             | MISSING_FIELD
            {"order_id":"o","ordered_at":"2026-03-09 21:05:00.073","user_id":"u","items":[]}  | OUT_OF_RANGE
            {"order_id":"o","ordered_at":"2026-03-09 21:05:00.073","user_id":"u","items":7}   | WRONG_TYPE
            {"order_id":"o","ordered_at":"2026-03-09 21:05:00.073","user_id":"u","items":"x"} | WRONG_TYPE
            {"order_id":"o","ordered_at":"2026-03-09 21:05:00.073","user_id":"u","items":[{"product_id":1}]} | MISSING_FIELD
            {"order_id":"o","ordered_at":"2026-03-09 21:05:00.073","user_id":"u","items":[{"product_id":1,"quantity":-2}]} | OUT_OF_RANGE
            {"order_id":"o","ordered_at":"2026-03-09 21:05:00.073","user_id":7,"items":[{"product_id":1,"quantity":2}]} | WRONG_TYPE
            {"order_id":"","ordered_at":"2026-03-09 21:05:00.073","user_id":"u","items":[{"product_id":1,"quantity":2}]} | MISSING_FIELD
            """)
    void rejectsWithTheReasonThatFits(String json, RejectReason reason) {
        DecodeResult result = JsonCodec.decode(bytes(json));
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        assertThat(((DecodeResult.Rejected) result).reason()).isEqualTo(reason);
        assertThat(((DecodeResult.Rejected) result).detail()).isNotBlank().hasSizeLessThanOrEqualTo(201);
    }

    @Test
    void rejectsInvalidUtf8BeforeParsing() {
        byte[] latin1 = "{\"device_id\":1,\"note\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(JsonCodec.decode(latin1))
                .isEqualTo(DecodeResult.rejected(RejectReason.NOT_UTF8, "the value is not valid UTF-8 (29 bytes)"));
    }

    @Test
    void acceptsMultiByteUtf8() {
        byte[] json = "{\"device_id\":1,\"note\":\"caf\u00e9 \u2603\",\"timestamp\":1773090300073,\"temperature\":1}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(JsonCodec.decode(json)).isEqualTo(new DecodeResult.Decoded(new Telemetry(1, TIME, 1.0)));
    }

    @Test
    void namesTheFieldAndValueInTheDetail() {
        assertThat(JsonCodec.decode(bytes("{\"device_id\":17,\"timestamp\":1773090300073,\"temperature\":\"hot\"}")))
                .isEqualTo(
                        DecodeResult.rejected(RejectReason.WRONG_TYPE, "temperature must be a number, found a string"));
        assertThat(JsonCodec.decode(bytes("{\"a\":1,\"b\":2}")))
                .isEqualTo(DecodeResult.rejected(
                        RejectReason.UNKNOWN_SHAPE, "neither device_id nor order_id; fields: a, b"));
    }

    @Test
    void cutsLongDetailsSoThatAHugeValueIsNeverCopiedIntoTheReason() {
        String longText = "x".repeat(10_000);
        DecodeResult result = JsonCodec.decode(
                bytes("{\"device_id\":\"" + longText + "\",\"timestamp\":1773090300073,\"temperature\":1}"));
        assertThat(((DecodeResult.Rejected) result).detail()).hasSize(201).endsWith("…");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
