package io.msklambda.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.model.ConfigSource;
import io.msklambda.model.ItemsFormat;
import io.msklambda.producer.spec.PayloadSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The records each built-in payload makes from a given seed, byte for byte (key, a tab, value; one record a line), as
 * the golden files under {@code src/test/resources/golden/} hold them. Whatever changes how records are made (a
 * generator, the codec, the event-time formatter) must keep these streams, so that a seeded run today and after the
 * change publish the same topic. The event times step by a millisecond every seventh record, crossing a second, so the
 * formatter's cache of the last second is on the path.
 *
 * <p>The files were written by this test's generators as they were at the commit that added them; to see what a
 * change does, {@code -Dgolden.write=DIR} writes the streams to {@code DIR} instead of comparing.
 */
class GeneratedStreamGoldenTest {

    private static final long START = Instant.parse("2026-03-09T21:05:00.950Z").toEpochMilli();
    private static final int RECORDS = 500;
    private static final long SEED = 42;

    /** Each golden file, with the payload, items format, device count and shard that make it. */
    static Stream<Arguments> goldenStreams() {
        return Stream.of(
                Arguments.of("stream-orders-array-seed42.txt", "orders", "array", 100, 0, 1),
                Arguments.of("stream-orders-string-seed42.txt", "orders", "string", 100, 0, 1),
                Arguments.of("stream-telemetry-d100-seed42.txt", "telemetry", "array", 100, 0, 1),
                Arguments.of("stream-telemetry-shard1of3-seed42.txt", "telemetry", "array", 100, 1, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenStreams")
    void aSeededGeneratorMakesTheGoldenStream(
            String file, String payload, String itemsFormat, int devices, int shard, int shards) throws IOException {
        ProducerSettings settings = ProducerSettings.from(new ConfigSource(Map.of(
                "BOOTSTRAP_SERVERS",
                "b-1.nohost.invalid:9098",
                "PAYLOAD",
                payload,
                "ORDER_ITEMS_FORMAT",
                itemsFormat,
                "DEVICE_COUNT",
                Integer.toString(devices))));
        RecordGenerator generator = RecordGenerator.forSettings(settings, new SplittableRandom(SEED));

        String stream = stream(generator, new Shard(shard, shards));

        String target = System.getProperty("golden.write");
        if (target != null) {
            Files.writeString(Path.of(target).resolve(file), stream, StandardCharsets.UTF_8);
            return;
        }
        assertThat(stream).isEqualTo(golden(file));
    }

    /**
     * The built-in specs ({@code specs/orders.json}, {@code specs/telemetry.json}) run by the spec interpreter make the
     * same streams as the hand-written generators: the spec files are the definition of the two payloads.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenStreams")
    void theBuiltInSpecMakesTheGoldenStream(
            String file, String payload, String itemsFormat, int devices, int shard, int shards) {
        PayloadSpec spec = payload.equals("orders")
                ? PayloadSpec.orders(ItemsFormat.valueOf(itemsFormat.toUpperCase(Locale.ROOT)))
                : PayloadSpec.telemetry(devices);
        RecordGenerator generator = spec.generator(payload, new SplittableRandom(SEED));

        String stream = stream(generator, new Shard(shard, shards));

        assertThat(stream).isEqualTo(golden(file));
    }

    /** After a SnapStart restore's reseed, too, the built-in spec and the hand-written generator make one stream. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"orders, array", "orders, string", "telemetry, array"})
    void theBuiltInSpecAndTheHandWrittenGeneratorAgreeAfterAReseed(String payload, String itemsFormat) {
        ProducerSettings settings = ProducerSettings.from(new ConfigSource(Map.of(
                "BOOTSTRAP_SERVERS",
                "b-1.nohost.invalid:9098",
                "PAYLOAD",
                payload,
                "ORDER_ITEMS_FORMAT",
                itemsFormat)));
        PayloadSpec spec = payload.equals("orders")
                ? PayloadSpec.orders(settings.itemsFormat())
                : PayloadSpec.telemetry(settings.deviceCount());
        RecordGenerator handWritten = RecordGenerator.forSettings(settings, new SplittableRandom(SEED));
        RecordGenerator interpreted = spec.generator(settings.topic(), new SplittableRandom(SEED));
        stream(handWritten, Shard.ALL);
        stream(interpreted, Shard.ALL);

        handWritten.reseed(new SplittableRandom(99));
        interpreted.reseed(new SplittableRandom(99));

        assertThat(stream(interpreted, new Shard(0, 2))).isEqualTo(stream(handWritten, new Shard(0, 2)));
    }

    private static String stream(RecordGenerator generator, Shard shard) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < RECORDS; i++) {
            ProducerRecord<byte[], byte[]> record = generator.next(shard, START + i / 7);
            lines.append(new String(record.key(), StandardCharsets.UTF_8))
                    .append('\t')
                    .append(new String(record.value(), StandardCharsets.UTF_8))
                    .append('\n');
        }
        return lines.toString();
    }

    private static String golden(String file) {
        try (var in = GeneratedStreamGoldenTest.class.getResourceAsStream("/golden/" + file)) {
            assertThat(in).as("golden file %s", file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
