package io.msklambda.tests.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msklambda.local.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void advertisesTheLoopbackAddressAndThePortItBound() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Collection<Node> nodes = admin.describeCluster().nodes().get();

            assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
            assertThat(nodes)
                    .extracting(node -> node.host() + ":" + node.port())
                    .containsExactly(kafka.bootstrapServers());
        }
    }

    @Test
    void recordsProducedWithAcksAllAreReadBackWhole() throws Exception {
        // Given a topic with three partitions
        String topic = "orders-" + UUID.randomUUID();
        kafka.createTopic(topic, 3);
        List<Map.Entry<String, String>> sent = List.of(
                Map.entry(
                        "device-1",
                        "{\"device_id\":1,\"timestamp\":\"2026-03-09T21:05:00.073Z\",\"temperature\":27.4}"),
                Map.entry(
                        "device-2",
                        "{\"device_id\":2,\"timestamp\":\"2026-03-09T21:05:00.074Z\",\"temperature\":31.0}"),
                Map.entry(
                        "device-3",
                        "{\"device_id\":3,\"timestamp\":\"2026-03-09T21:05:00.075Z\",\"temperature\":25.9}"),
                Map.entry(
                        "device-1",
                        "{\"device_id\":1,\"timestamp\":\"2026-03-09T21:05:01.073Z\",\"temperature\":27.6}"),
                Map.entry(
                        "device-4",
                        "{\"device_id\":4,\"timestamp\":\"2026-03-09T21:05:01.080Z\",\"temperature\":33.2}"),
                Map.entry(
                        "device-5",
                        "{\"device_id\":5,\"timestamp\":\"2026-03-09T21:05:01.090Z\",\"temperature\":29.8}"));

        // When an idempotent acks=all producer sends them
        List<RecordMetadata> acknowledged = produce(topic, sent);

        // Then each record is stored once, at consecutive offsets from 0 in its partition
        Map<Integer, List<Long>> offsetsByPartition = acknowledged.stream()
                .collect(Collectors.groupingBy(
                        RecordMetadata::partition,
                        TreeMap::new,
                        Collectors.mapping(RecordMetadata::offset, Collectors.toList())));
        assertThat(offsetsByPartition.values())
                .allSatisfy(offsets -> assertThat(offsets)
                        .isEqualTo(LongStream.range(0, offsets.size()).boxed().toList()));
        assertThat(offsetsByPartition.values().stream().mapToInt(List::size).sum())
                .isEqualTo(sent.size());
        // And a consumer reads back exactly what was sent, one key's records in the order they were sent
        List<Map.Entry<String, String>> received = consumeAll(topic, sent.size());
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(valuesOf("device-1", received)).containsExactlyElementsOf(valuesOf("device-1", sent));
    }

    @Test
    void createdTopicHasTheRequestedPartitionCount() {
        String topic = "telemetry-" + UUID.randomUUID();

        kafka.createTopic(topic, 3);

        try (KafkaConsumer<String, String> consumer = newConsumer()) {
            assertThat(consumer.partitionsFor(topic))
                    .extracting(PartitionInfo::partition)
                    .containsExactlyInAnyOrder(0, 1, 2);
        }
    }

    @Test
    void creatingAnExistingTopicFailsNamingTheCause() {
        String topic = "duplicate-" + UUID.randomUUID();
        kafka.createTopic(topic, 1);

        assertThatThrownBy(() -> kafka.createTopic(topic, 1))
                .isInstanceOf(KafkaException.class)
                .hasMessageContaining(topic)
                .hasCauseInstanceOf(TopicExistsException.class);
    }

    @Test
    void closeStopsTheBrokerDeletesItsDataAndCanBeRepeated() {
        // Given a second broker next to the class's one (they share nothing but the JVM)
        EmbeddedKafka own = EmbeddedKafka.start();
        Path dataDirectory = own.dataDirectory();
        assertThat(dataDirectory).isDirectory();
        assertThat(own.bootstrapServers()).startsWith("127.0.0.1:").isNotEqualTo(kafka.bootstrapServers());

        // When it is closed twice
        own.close();
        own.close();

        // Then its data is gone and it refuses further work
        assertThat(dataDirectory).doesNotExist();
        assertThatThrownBy(() -> own.createTopic("after-close", 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void rejectsOverridingTheListeners() {
        assertThatThrownBy(() -> EmbeddedKafka.builder()
                        .brokerProperty("listeners", "PLAINTEXT://:9092")
                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listeners");
    }

    private static List<RecordMetadata> produce(String topic, List<Map.Entry<String, String>> records)
            throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> pending = new ArrayList<>();
            for (Map.Entry<String, String> record : records) {
                pending.add(producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())));
            }
            producer.flush();
            List<RecordMetadata> acknowledged = new ArrayList<>();
            for (Future<RecordMetadata> future : pending) {
                acknowledged.add(future.get());
            }
            return acknowledged;
        }
    }

    private static List<Map.Entry<String, String>> consumeAll(String topic, int expected) {
        List<Map.Entry<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = newConsumer()) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (received.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    received.add(Map.entry(record.key(), record.value()));
                }
            }
        }
        return received;
    }

    private static List<String> valuesOf(String key, List<Map.Entry<String, String>> records) {
        return records.stream()
                .filter(record -> record.getKey().equals(key))
                .map(Map.Entry::getValue)
                .toList();
    }

    private static KafkaConsumer<String, String> newConsumer() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "embedded-kafka-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
