package io.msklambda.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.model.ConfigSource;
import io.msklambda.model.DecodeResult;
import io.msklambda.model.JsonCodec;
import io.msklambda.model.Order;
import io.msklambda.model.OrderItem;
import io.msklambda.model.Telemetry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class GeneratorsTest {

    private static final long NOW = Instant.parse("2026-03-09T21:05:00.073Z").toEpochMilli();

    private static RecordGenerator generator(long seed, String... variables) {
        Map<String, String> env = new HashMap<>(Map.of("BOOTSTRAP_SERVERS", "b-1.example:9098"));
        for (int i = 0; i < variables.length; i += 2) {
            env.put(variables[i], variables[i + 1]);
        }
        return RecordGenerator.forSettings(ProducerSettings.from(new ConfigSource(env)), new SplittableRandom(seed));
    }

    private static RecordGenerator orders(long seed) {
        return generator(seed);
    }

    private static RecordGenerator telemetry(int devices, long seed) {
        return generator(seed, "PAYLOAD", "telemetry", "DEVICE_COUNT", Integer.toString(devices));
    }

    private static Order order(RecordGenerator generator) {
        return (Order) ((DecodeResult.Decoded)
                        JsonCodec.decode(generator.next(Shard.ALL, NOW).value()))
                .event();
    }

    private static Telemetry reading(RecordGenerator generator, Shard shard) {
        return (Telemetry) ((DecodeResult.Decoded)
                        JsonCodec.decode(generator.next(shard, NOW).value()))
                .event();
    }

    @Test
    void ordersStayInTheirRangesAndUsersRecur() {
        RecordGenerator generator = orders(1);
        Set<String> users = new HashSet<>();
        Map<Integer, Integer> lineCounts = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            Order order = order(generator);
            assertThat(UUID.fromString(order.orderId()).version()).isEqualTo(4);
            assertThat(order.orderedAt()).isEqualTo(Instant.ofEpochMilli(NOW));
            assertThat(order.userId()).matches("[a-z]{5}");
            assertThat(order.items()).hasSizeBetween(1, 4);
            for (OrderItem item : order.items()) {
                assertThat(item.productId()).isBetween(1, 9_999);
                assertThat(item.quantity()).isBetween(1, 10);
            }
            users.add(order.userId());
            lineCounts.merge(order.items().size(), 1, Integer::sum);
        }
        assertThat(users).hasSizeBetween(990, 1_000); // 20 draws per user on average: nearly all recur
        assertThat(lineCounts).containsOnlyKeys(1, 2, 3, 4);
    }

    @Test
    void theUsersAreTheSameInEveryEnvironment() {
        Set<String> one = new HashSet<>();
        Set<String> other = new HashSet<>();
        RecordGenerator first = orders(1);
        RecordGenerator second = orders(2);
        for (int i = 0; i < 30_000; i++) {
            one.add(order(first).userId());
            other.add(order(second).userId());
        }
        // 30 draws per user on average: the chance that one of the 1,000 is missing is about 1,000 * e^-30
        assertThat(one).hasSize(1_000).isEqualTo(other);
    }

    @Test
    void theSameSeedGivesTheSameRecordsAndAnotherSeedOthers() {
        List<String> first = values(orders(42), 100);
        assertThat(values(orders(42), 100)).isEqualTo(first);
        List<String> other = values(orders(43), 100);
        assertThat(other).doesNotContainAnyElementsOf(first);
    }

    @Test
    void orderRecordsAreKeyedByOrderIdAndDecodeToTheModel() {
        ProducerRecord<byte[], byte[]> record = orders(7).next(Shard.ALL, NOW);
        DecodeResult decoded = JsonCodec.decode(record.value());
        assertThat(decoded).isInstanceOf(DecodeResult.Decoded.class);
        Order order = (Order) ((DecodeResult.Decoded) decoded).event();
        assertThat(new String(record.key(), StandardCharsets.UTF_8))
                .isEqualTo("{\"order_id\":\"" + order.orderId() + "\"}");
        assertThat(record.topic()).isEqualTo("orders");
    }

    @Test
    void itemsAsStringStillDecodeToTheSameOrder() {
        RecordGenerator asArray = orders(9);
        RecordGenerator asString = generator(9, "ORDER_ITEMS_FORMAT", "string");
        ProducerRecord<byte[], byte[]> a = asArray.next(Shard.ALL, NOW);
        ProducerRecord<byte[], byte[]> s = asString.next(Shard.ALL, NOW);
        assertThat(new String(s.value(), StandardCharsets.UTF_8)).contains("\"items\":\"[{");
        assertThat(JsonCodec.decode(s.value())).isEqualTo(JsonCodec.decode(a.value()));
    }

    @Test
    void telemetryWalksStayBetween25And35WithSmallSteps() {
        RecordGenerator generator = telemetry(10, 3);
        Map<Integer, Double> last = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            Telemetry reading = reading(generator, Shard.ALL);
            assertThat(reading.deviceId()).isBetween(1, 10);
            double degrees = reading.temperature().doubleValue();
            assertThat(degrees).isBetween(25.0, 35.0);
            Double previous = last.put(reading.deviceId(), degrees);
            if (previous != null) {
                assertThat(Math.abs(degrees - previous)).isLessThanOrEqualTo(0.5 + 0.1);
            }
        }
    }

    @Test
    void telemetryIsKeyedByDeviceSoADeviceStaysOnOnePartition() {
        ProducerRecord<byte[], byte[]> record = telemetry(5, 1).next(Shard.ALL, NOW);
        Telemetry reading = (Telemetry) ((DecodeResult.Decoded) JsonCodec.decode(record.value())).event();
        assertThat(new String(record.key(), StandardCharsets.US_ASCII)).isEqualTo(Integer.toString(reading.deviceId()));
    }

    @Test
    void concurrentShardsReadDisjointDevicesThatCoverThemAll() {
        int shards = 3;
        List<Set<Integer>> seen = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            RecordGenerator generator = telemetry(10, s);
            Set<Integer> devices = new HashSet<>();
            for (int i = 0; i < 100; i++) {
                devices.add(reading(generator, new Shard(s, shards)).deviceId());
            }
            seen.add(devices);
        }
        assertThat(seen).containsExactly(Set.of(1, 4, 7, 10), Set.of(2, 5, 8), Set.of(3, 6, 9));
    }

    @Test
    void aShardBeyondTheDeviceCountReadsEveryDevice() {
        RecordGenerator generator = telemetry(2, 1);
        Set<Integer> devices = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            devices.add(reading(generator, new Shard(4, 5)).deviceId());
        }
        assertThat(devices).containsExactlyInAnyOrder(1, 2);
    }

    private static List<String> values(RecordGenerator generator, int n) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(new String(generator.next(Shard.ALL, NOW).value(), StandardCharsets.UTF_8));
        }
        return values;
    }
}
