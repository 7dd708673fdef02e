package io.msklambda.tests.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msklambda.local.kafka.EmbeddedKafka;
import io.msklambda.local.kafka.EmbeddedKafka.BrokerStop;
import io.msklambda.tests.support.TopicContents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A three-broker cluster laid out as MSK's 3-AZ default, whose brokers stop and start while the others serve. */
class EmbeddedClusterTest {

    private static final Duration RECOVERY = Duration.ofSeconds(60);

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startCluster() {
        kafka = EmbeddedKafka.builder().brokers(3).start();
    }

    @AfterAll
    static void stopCluster() {
        kafka.close();
    }

    @Test
    void topicsAreReplicatedThreeTimesWithMinInSyncReplicasTwo() throws Exception {
        // Given a topic created on three brokers
        String topic = "replicated-" + UUID.randomUUID();
        kafka.createTopic(topic, 3);

        // When its layout and configuration are read back
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicDescription description =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            String minIsr = admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                            org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic)))
                    .all()
                    .get()
                    .values()
                    .iterator()
                    .next()
                    .get("min.insync.replicas")
                    .value();

            // Then every partition has a replica on each broker, all in sync, and two must acknowledge a write
            assertThat(kafka.bootstrapServers().split(",")).hasSize(3);
            assertThat(description.partitions()).allSatisfy(partition -> {
                assertThat(partition.replicas()).extracting(node -> node.id()).containsExactlyInAnyOrder(1, 2, 3);
                assertThat(partition.isr()).hasSize(3);
            });
            assertThat(minIsr).isEqualTo("2");
            assertThat(kafka.replicationFactor()).isEqualTo(3);
        }
    }

    @Test
    void aHardStoppedLeaderLosesNoAcknowledgedRecordAndComesBackWithItsData() throws Exception {
        // Given a topic with records on it, and partition 0's leader
        String topic = "kill-" + UUID.randomUUID();
        kafka.createTopic(topic, 3);
        List<String> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, topic, 0, 300, sent);
            int leader = kafka.leader(topic, 0).orElseThrow();

            // When that broker disappears, records are sent while it is down, and it comes back
            kafka.stopBroker(leader, BrokerStop.HARD);
            assertThat(kafka.isRunning(leader)).isFalse();
            send(producer, topic, 300, 600, sent);
            kafka.startBroker(leader);
            send(producer, topic, 600, 900, sent);

            // Then another broker led partition 0, and once replication has caught up every record is there once
            assertThat(kafka.awaitFullyReplicated(RECOVERY)).isTrue();
            assertThat(kafka.isRunning(leader)).isTrue();
        }
        assertThat(valuesOn(topic)).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void aRollingRestartKeepsEveryPartitionWritable() throws Exception {
        // Given a topic
        String topic = "rolling-" + UUID.randomUUID();
        kafka.createTopic(topic, 3);
        List<String> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            // When each broker in turn is stopped with a controlled shutdown and started again, waiting for
            // replication to catch up in between, with records sent around each step
            for (int broker : kafka.brokerIds()) {
                kafka.stopBroker(broker, BrokerStop.CONTROLLED);
                send(producer, topic, sent.size(), sent.size() + 100, sent);
                kafka.startBroker(broker);
                assertThat(kafka.awaitFullyReplicated(RECOVERY)).isTrue();
            }
        }

        // Then every acknowledged record is on the topic, once
        assertThat(kafka.underReplicatedPartitions()).isZero();
        assertThat(valuesOn(topic)).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void refusesBrokersItDoesNotHave() {
        assertThatThrownBy(() -> kafka.stopBroker(4, BrokerStop.HARD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no broker 4")
                .hasMessageContaining("[1, 2, 3]");
        assertThatThrownBy(() -> EmbeddedKafka.builder().brokers(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to " + EmbeddedKafka.MAX_BROKERS);
    }

    private static void send(KafkaProducer<String, String> producer, String topic, int from, int to, List<String> sent)
            throws Exception {
        List<Future<RecordMetadata>> pending = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String value = topic + "#" + i;
            pending.add(producer.send(new ProducerRecord<>(topic, i % 3, Integer.toString(i), value)));
            sent.add(value);
        }
        for (Future<RecordMetadata> acknowledgement : pending) {
            acknowledgement.get();
        }
    }

    private static List<String> valuesOn(String topic) {
        return TopicContents.readAll(kafka.bootstrapServers(), topic).stream()
                .map(record -> new String(record.value(), StandardCharsets.UTF_8))
                .toList();
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new StringSerializer(),
                new StringSerializer());
    }
}
