package io.msklambda.producer.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.msklambda.producer.RecordGenerator;
import io.msklambda.producer.Shard;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the interpreter writes for the specs under {@code src/test/resources/specs/}. */
class SpecRecordGeneratorTest {

    private static final long NOW = Instant.parse("2026-03-09T21:05:00.073Z").toEpochMilli();
    /** Reads decimals as written, so that their scale shows. */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    static String fixture(String name) {
        try (InputStream in = SpecRecordGeneratorTest.class.getResourceAsStream("/specs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> records(RecordGenerator generator, int n) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ProducerRecord<byte[], byte[]> record = generator.next(Shard.ALL, NOW + i);
            String key = record.key() == null ? "null" : new String(record.key(), StandardCharsets.UTF_8);
            lines.add(key + "\t" + new String(record.value(), StandardCharsets.UTF_8));
        }
        return lines;
    }

    private static JsonNode value(ProducerRecord<byte[], byte[]> record) throws IOException {
        return JSON.readTree(record.value());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ev.json", "clicks.json", "every-generator.json"})
    void theSameSeedMakesTheSameBytesAndAReseedDiverges(String file) {
        PayloadSpec spec = PayloadSpec.parse(fixture(file));

        List<String> first = records(spec.generator("t", new SplittableRandom(7)), 200);
        List<String> again = records(spec.generator("t", new SplittableRandom(7)), 200);
        RecordGenerator reseeded = spec.generator("t", new SplittableRandom(7));
        reseeded.reseed(new SplittableRandom(8));
        List<String> diverged = records(reseeded, 200);

        assertThat(again).isEqualTo(first);
        assertThat(diverged.get(0)).isNotEqualTo(first.get(0));
        assertThat(new HashSet<>(diverged)).doesNotContainAnyElementsOf(first);
    }

    @Test
    void everyGeneratorWritesItsKindOfValue() throws IOException {
        RecordGenerator generator =
                PayloadSpec.parse(fixture("every-generator.json")).generator("every", new SplittableRandom(3));
        Set<String> regions = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            ProducerRecord<byte[], byte[]> record = generator.next(Shard.ALL, NOW);
            JsonNode value = value(record);
            assertThat(record.topic()).isEqualTo("every");
            assertThat(new String(record.key(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"id\":\"" + value.get("id").textValue() + "\",\"region\":\"eu\"}");
            assertThat(value.get("same_id")).isEqualTo(value.get("id"));
            assertThat(value.get("region").textValue()).isEqualTo("r" + (1 + i % 8));
            regions.add(value.get("region").textValue());
            assertThat(value.get("n").intValue()).isBetween(-5, 5);
            assertThat(value.get("skewed").intValue()).isBetween(0, 99);
            assertThat(value.get("price").decimalValue().scale()).isEqualTo(2);
            assertThat(value.get("price").doubleValue()).isBetween(0.5, 99.99);
            assertThat(value.get("seq").longValue()).isEqualTo(10 + 5L * i);
            assertThat(value.get("per_region").longValue()).isEqualTo(1 + i / 8);
            assertThat(value.get("level").doubleValue()).isBetween(-1.0, 1.0);
            assertThat(value.get("at").longValue()).isEqualTo(NOW / 1000);
            assertThat(value.get("day").textValue()).isEqualTo("2026-03-09");
            assertThat(value.get("code").textValue()).matches("[A-Z]{3}");
            assertThat(value.get("word").textValue()).matches("[a-z]{4}");
            JsonNode lines = JSON.readTree(value.get("lines").textValue());
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0).get("sku").textValue()).matches("[A-Z]{3}");
        }
        assertThat(regions).hasSize(8);
    }

    @Test
    void constantsAreWrittenAsTheSpecHasThem() {
        RecordGenerator generator =
                PayloadSpec.parse(fixture("every-generator.json")).generator("every", new SplittableRandom(3));

        String value = new String(generator.next(Shard.ALL, NOW).value(), StandardCharsets.UTF_8);

        assertThat(value)
                .endsWith(",\"fixed\":{\"on\":true,\"none\":null,\"ratio\":1.50,\"big\":12345678901234567890,"
                        + "\"text\":\"plain\"}}");
    }

    @Test
    void roundRobinKeysAreTheShardsOwn() throws IOException {
        RecordGenerator generator =
                PayloadSpec.parse(fixture("every-generator.json")).generator("every", new SplittableRandom(3));
        List<String> regions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            regions.add(
                    value(generator.next(new Shard(1, 3), NOW)).get("region").textValue());
        }

        assertThat(regions).containsExactly("r2", "r5", "r8", "r2", "r5", "r8");
    }

    @Test
    void eventTimesJitterAndSomeArriveLate() throws IOException {
        RecordGenerator generator = PayloadSpec.parse(fixture("clicks.json")).generator("c", new SplittableRandom(5));
        int late = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            long ts = value(generator.next(Shard.ALL, NOW)).get("ts").longValue();
            assertThat(ts).isBetween(NOW - 2_000 - 300_000, NOW);
            if (ts < NOW - 2_000) {
                assertThat(ts).isLessThanOrEqualTo(NOW - 60_000);
                late++;
            }
        }
        assertThat(late).isBetween(n / 100, n * 3 / 100); // 2 % asked
    }

    @Test
    void aWalkStaysInItsBoundsAndMovesByAtMostItsStep() throws IOException {
        RecordGenerator generator = PayloadSpec.parse(fixture("ev.json")).generator("ev", new SplittableRandom(11));
        java.util.Map<String, Double> last = new java.util.HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            ProducerRecord<byte[], byte[]> record = generator.next(Shard.ALL, NOW);
            JsonNode value = value(record);
            String vehicle = value.get("vehicle").get("id").textValue();
            assertThat(new String(record.key(), StandardCharsets.UTF_8))
                    .isEqualTo(vehicle)
                    .matches("EV-\\d{4}");
            double soc = value.get("battery").get("soc").doubleValue();
            assertThat(soc).isBetween(5.0, 100.0);
            Double before = last.put(vehicle, soc);
            if (before != null) {
                assertThat(Math.abs(soc - before)).isLessThanOrEqualTo(0.8 + 0.1 + 1e-9); // step, plus rounding
            }
            assertThat(value.get("battery").get("temperature").decimalValue().scale())
                    .isEqualTo(2);
            assertThat(value.get("speed_kmh").isIntegralNumber()).isTrue();
            assertThat(value.get("state").textValue()).isIn("driving", "charging", "parked");
            assertThat(value.get("alerts").size()).isBetween(0, 3);
        }
    }

    @Test
    void theSpecSaysWhatAConsumerShouldObserve() {
        PayloadSpec spec = PayloadSpec.parse(fixture("clicks.json"));

        assertThat(spec.name()).isEqualTo("clicks");
        assertThat(spec.observe())
                .contains(new PayloadSpec.Observe("/page/category", "/latency_ms", "/ts", "epoch-millis"));
        assertThat(PayloadSpec.parse(fixture("every-generator.json")).observe()).isEmpty();
    }
}
