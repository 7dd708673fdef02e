package io.msklambda.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.model.DecodeResult;
import io.msklambda.model.ItemsFormat;
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
    private static final UserPool USERS = UserPool.create();

    private static OrderGenerator orders(long seed) {
        return new OrderGenerator("orders", ItemsFormat.ARRAY, USERS, new SplittableRandom(seed));
    }

    @Test
    void ordersStayInTheirRangesAndUsersRecur() {
        OrderGenerator generator = orders(1);
        Set<String> users = new HashSet<>();
        Map<Integer, Integer> lineCounts = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            Order order = (Order) ((DecodeResult.Decoded)
                            JsonCodec.decode(generator.next(Shard.ALL, NOW).value()))
                    .event();
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
    void theUserPoolIsTheSameInEveryEnvironment() {
        UserPool other = UserPool.create();
        for (int n = 1; n <= UserPool.SIZE; n++) {
            assertThat(other.id(n)).isEqualTo(USERS.id(n));
        }
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
        OrderGenerator asArray = orders(9);
        OrderGenerator asString = new OrderGenerator("orders", ItemsFormat.STRING, USERS, new SplittableRandom(9));
        ProducerRecord<byte[], byte[]> a = asArray.next(Shard.ALL, NOW);
        ProducerRecord<byte[], byte[]> s = asString.next(Shard.ALL, NOW);
        assertThat(new String(s.value(), StandardCharsets.UTF_8)).contains("\"items\":\"[{");
        assertThat(JsonCodec.decode(s.value())).isEqualTo(JsonCodec.decode(a.value()));
    }

    @Test
    void telemetryWalksStayBetween25And35WithSmallSteps() {
        TelemetryGenerator generator = new TelemetryGenerator("telemetry", 10, new SplittableRandom(3));
        Map<Integer, Double> last = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            Telemetry reading = generator.reading(Shard.ALL, NOW);
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
        ProducerRecord<byte[], byte[]> record =
                new TelemetryGenerator("t", 5, new SplittableRandom(1)).next(Shard.ALL, NOW);
        Telemetry reading = (Telemetry) ((DecodeResult.Decoded) JsonCodec.decode(record.value())).event();
        assertThat(new String(record.key(), StandardCharsets.US_ASCII)).isEqualTo(Integer.toString(reading.deviceId()));
    }

    @Test
    void concurrentShardsReadDisjointDevicesThatCoverThemAll() {
        int shards = 3;
        List<Set<Integer>> seen = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            TelemetryGenerator generator = new TelemetryGenerator("t", 10, new SplittableRandom(s));
            Set<Integer> devices = new HashSet<>();
            for (int i = 0; i < 100; i++) {
                devices.add(generator.reading(new Shard(s, shards), NOW).deviceId());
            }
            seen.add(devices);
        }
        assertThat(seen).containsExactly(Set.of(1, 4, 7, 10), Set.of(2, 5, 8), Set.of(3, 6, 9));
    }

    @Test
    void aShardBeyondTheDeviceCountReadsEveryDevice() {
        TelemetryGenerator generator = new TelemetryGenerator("t", 2, new SplittableRandom(1));
        Set<Integer> devices = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            devices.add(generator.reading(new Shard(4, 5), NOW).deviceId());
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
