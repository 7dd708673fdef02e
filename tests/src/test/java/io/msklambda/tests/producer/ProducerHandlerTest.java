package io.msklambda.tests.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import io.msklambda.local.lambda.LocalContext;
import io.msklambda.model.ConfigSource;
import io.msklambda.model.DecodeResult;
import io.msklambda.model.JsonCodec;
import io.msklambda.model.Order;
import io.msklambda.model.Telemetry;
import io.msklambda.producer.ProduceReport;
import io.msklambda.producer.ProducerFactory;
import io.msklambda.producer.ProducerHandler;
import io.msklambda.producer.ProducerSettings;
import io.msklambda.producer.PublishFailedException;
import io.msklambda.producer.RecordGenerator;
import io.msklambda.producer.Shard;
import io.msklambda.tests.support.LocalServices;
import io.msklambda.tests.support.TopicContents;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;

/** The producer handler against a real Kafka broker, invoked with the sample scheduled events. */
class ProducerHandlerTest {

    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    private static ProducerSettings settings(String topic, String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of(
                "BOOTSTRAP_SERVERS",
                SERVICES.kafka().bootstrapServers(),
                "TOPIC_NAME",
                topic,
                "AUTH_MODE",
                "none",
                "BATCH_INTERVAL_MS",
                "0",
                "MAX_RUN_SEC",
                "1"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return ProducerSettings.from(new ConfigSource(env));
    }

    private static String newTopic() {
        String topic = "t-" + UUID.randomUUID();
        SERVICES.kafka().createTopic(topic, 3);
        return topic;
    }

    private static ProduceReport invoke(ProducerHandler handler, ScheduledEvent event) {
        return handler.handleRequest(event, LocalContext.of("ProducerFunction", FUNCTION_TIMEOUT));
    }

    private static Object decode(ConsumerRecord<byte[], byte[]> record) {
        DecodeResult result = JsonCodec.decode(record.value());
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        return ((DecodeResult.Decoded) result).event();
    }

    @ParameterizedTest
    @Event(value = "events/scheduled-event.json", type = ScheduledEvent.class)
    void everyAcknowledgedOrderIsOnTheTopicKeyedByItsId(ScheduledEvent event) {
        // Given a full-speed orders producer
        String topic = newTopic();
        try (ProducerHandler handler = new ProducerHandler(
                settings(topic, "BATCH_SIZE", "500"),
                ProducerFactory.KAFKA,
                Clock.systemUTC(),
                new SplittableRandom(42))) {
            // When one scheduled invocation runs
            ProduceReport report = invoke(handler, event);

            // Then the topic holds exactly what was reported as sent, and every record is an order keyed by its id
            List<ConsumerRecord<byte[], byte[]>> records =
                    TopicContents.readAll(SERVICES.kafka().bootstrapServers(), topic);
            assertThat(report.sent()).isPositive().isEqualTo(records.size()).isEqualTo(report.attempted());
            assertThat(report.failed()).isZero();
            assertThat(report.shard()).isEqualTo("0/1");
            for (ConsumerRecord<byte[], byte[]> record : records) {
                Order order = (Order) decode(record);
                assertThat(new String(record.key(), StandardCharsets.UTF_8))
                        .isEqualTo("{\"order_id\":\"" + order.orderId() + "\"}");
            }
            assertThat(records.stream()
                            .map(r -> ((Order) decode(r)).orderId())
                            .distinct()
                            .count())
                    .isEqualTo(records.size());
            assertThat(report.bytesSent())
                    .isEqualTo(records.stream().mapToLong(r -> r.value().length).sum());
        }
    }

    @ParameterizedTest
    @Event(value = "events/scheduled-event-shard.json", type = ScheduledEvent.class)
    void eachDeviceStaysOnOnePartitionAndTheShardReadsOnlyItsDevices(ScheduledEvent event) {
        // Given a telemetry producer over 20 devices, invoked as shard 1 of 5
        String topic = newTopic();
        try (ProducerHandler handler = new ProducerHandler(
                settings(topic, "PAYLOAD", "telemetry", "DEVICE_COUNT", "20", "BATCH_SIZE", "200"),
                ProducerFactory.KAFKA,
                Clock.systemUTC(),
                new SplittableRandom(7))) {
            ProduceReport report = invoke(handler, event);

            List<ConsumerRecord<byte[], byte[]>> records =
                    TopicContents.readAll(SERVICES.kafka().bootstrapServers(), topic);
            assertThat(records).hasSize((int) report.sent());
            Map<Integer, Set<Integer>> partitionsByDevice = records.stream()
                    .collect(Collectors.groupingBy(
                            r -> ((Telemetry) decode(r)).deviceId(),
                            Collectors.mapping(ConsumerRecord::partition, Collectors.toSet())));
            assertThat(partitionsByDevice.keySet()).containsExactlyInAnyOrder(2, 7, 12, 17);
            assertThat(partitionsByDevice.values())
                    .allSatisfy(partitions -> assertThat(partitions).hasSize(1));
            assertThat(records)
                    .allSatisfy(r -> assertThat(new String(r.key(), StandardCharsets.US_ASCII))
                            .isEqualTo(Integer.toString(((Telemetry) decode(r)).deviceId())));
        }
    }

    @ParameterizedTest
    @Event(value = "events/scheduled-event.json", type = ScheduledEvent.class)
    void invocationsOfOneEnvironmentReuseItsOneProducer(ScheduledEvent event) {
        String topic = newTopic();
        AtomicInteger created = new AtomicInteger();
        ProducerFactory counting = properties -> {
            created.incrementAndGet();
            return new KafkaProducer<>(properties);
        };
        try (ProducerHandler handler = new ProducerHandler(
                settings(topic, "BATCH_SIZE", "50", "BATCH_INTERVAL_MS", "100"),
                counting,
                Clock.systemUTC(),
                new SplittableRandom(1))) {
            ProduceReport first = invoke(handler, event);
            ProduceReport second = invoke(handler, event);

            assertThat(created).hasValue(1);
            assertThat(first.sent()).isPositive();
            assertThat(second.sent()).isPositive();
            assertThat(TopicContents.readAll(SERVICES.kafka().bootstrapServers(), topic))
                    .hasSize((int) (first.sent() + second.sent()));
        }
    }

    @ParameterizedTest
    @Event(value = "events/scheduled-event.json", type = ScheduledEvent.class)
    void anUnreachableBrokerFailsTheInvocationSayingSoWithNothingSent(ScheduledEvent event) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> env = Map.of(
                "BOOTSTRAP_SERVERS",
                "127.0.0.1:" + closedPort,
                "AUTH_MODE",
                "none",
                "MAX_RUN_SEC",
                "5",
                "KAFKA_MAX_BLOCK_MS",
                "1000",
                "FLUSH_TIMEOUT_MS",
                "1000");
        try (ProducerHandler handler = new ProducerHandler(
                ProducerSettings.from(new ConfigSource(env)),
                ProducerFactory.KAFKA,
                Clock.systemUTC(),
                new SplittableRandom(1))) {
            assertThatThrownBy(() -> invoke(handler, event))
                    .isInstanceOf(PublishFailedException.class)
                    .hasMessageContaining("the Kafka cluster at 127.0.0.1:" + closedPort + " could not be reached")
                    .satisfies(e -> {
                        ProduceReport report = ((PublishFailedException) e).report();
                        assertThat(report.sent()).isZero();
                        assertThat(report.failed())
                                .isEqualTo(report.attempted())
                                .isPositive();
                    });
        }
    }

    @ParameterizedTest
    @Event(value = "events/scheduled-event.json", type = ScheduledEvent.class)
    void aFullSpeedRunSendsTheGeneratorsRecordsInItsOrderOnEitherThread(ScheduledEvent event) {
        for (String generatorThread : List.of("on", "off")) {
            // Given a full-speed producer with a stopped clock, so that a record's bytes depend on the seed alone
            String topic = newTopic();
            Clock stopped = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
            ProducerSettings settings = settings(topic, "BATCH_SIZE", "500", "GENERATOR_THREAD", generatorThread);
            try (ProducerHandler handler =
                    new ProducerHandler(settings, ProducerFactory.KAFKA, stopped, new SplittableRandom(42))) {
                // When one invocation runs
                ProduceReport report = invoke(handler, event);

                // Then the topic holds the first records of the environment's generator, each partition in its order
                RecordGenerator same = RecordGenerator.forSettings(
                        settings, new SplittableRandom(new SplittableRandom(42).nextLong()));
                Map<String, Integer> position = new HashMap<>();
                for (int i = 0; i < report.sent(); i++) {
                    position.put(
                            new String(
                                    same.next(Shard.of(event), stopped.millis()).value(), StandardCharsets.UTF_8),
                            i);
                }
                List<ConsumerRecord<byte[], byte[]>> records =
                        TopicContents.readAll(SERVICES.kafka().bootstrapServers(), topic);
                assertThat(records).hasSize((int) report.sent()).hasSizeGreaterThan(1_000);
                Map<Integer, List<Integer>> positionsByPartition = records.stream()
                        .collect(Collectors.groupingBy(
                                ConsumerRecord::partition,
                                Collectors.mapping(
                                        r -> position.get(new String(r.value(), StandardCharsets.UTF_8)),
                                        Collectors.toList())));
                assertThat(positionsByPartition.values())
                        .as("GENERATOR_THREAD=" + generatorThread)
                        .allSatisfy(positions ->
                                assertThat(positions).doesNotContainNull().isSorted());
            }
        }
    }
}
