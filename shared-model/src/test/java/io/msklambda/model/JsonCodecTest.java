package io.msklambda.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    private static final Order ORDER = new Order(
            "6049dc71-063b-49bd-8b68-f2326d1c8544",
            Instant.parse("2026-03-09T21:05:00.073Z"),
            "febxa",
            List.of(new OrderItem(4793, 8), new OrderItem(12, 1)));
    private static final Telemetry READING = new Telemetry(17, Instant.parse("2026-03-09T21:05:00.073Z"), 27.4);

    private final JsonCodec codec = new JsonCodec();

    @Test
    void writesOrderWithItemsArrayExactlyAsTheGoldenFile() {
        assertThat(text(codec.encode(ORDER, ItemsFormat.ARRAY))).isEqualTo(golden("order-items-array.json"));
    }

    @Test
    void writesOrderWithItemsAsJsonStringExactlyAsTheGoldenFile() {
        assertThat(text(codec.encode(ORDER, ItemsFormat.STRING))).isEqualTo(golden("order-items-string.json"));
    }

    @Test
    void writesTelemetryExactlyAsTheGoldenFile() {
        assertThat(text(codec.encode(READING))).isEqualTo(golden("telemetry.json"));
    }

    @Test
    void writesMillisecondsEvenOnAWholeSecond() {
        Telemetry reading = new Telemetry(3, Instant.parse("2026-03-09T21:05:00Z"), 30.0);
        assertThat(text(codec.encode(reading))).isEqualTo(golden("telemetry-whole-second.json"));
    }

    @Test
    void writesKeysAsDesignSays() {
        assertThat(text(codec.key(ORDER))).isEqualTo(golden("order-key.json"));
        assertThat(text(codec.key(READING))).isEqualTo("17");
    }

    @Test
    void readsBackEverythingItWrites() {
        assertThat(JsonCodec.decode(codec.encode(ORDER, ItemsFormat.ARRAY))).isEqualTo(new DecodeResult.Decoded(ORDER));
        assertThat(JsonCodec.decode(codec.encode(ORDER, ItemsFormat.STRING)))
                .isEqualTo(new DecodeResult.Decoded(ORDER));
        assertThat(JsonCodec.decode(codec.encode(READING))).isEqualTo(new DecodeResult.Decoded(READING));
    }

    @Test
    void reusesItsBufferWithoutMixingRecords() {
        byte[] first = codec.encode(READING);
        byte[] second = codec.encode(ORDER, ItemsFormat.ARRAY);
        assertThat(text(first)).isEqualTo(golden("telemetry.json"));
        assertThat(text(second)).isEqualTo(golden("order-items-array.json"));
    }

    static String golden(String name) {
        try (InputStream in = JsonCodecTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
