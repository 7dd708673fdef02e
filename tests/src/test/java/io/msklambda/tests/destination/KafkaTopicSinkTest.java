package io.msklambda.tests.destination;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msklambda.local.destination.KafkaTopicSink;
import io.msklambda.local.trigger.Destination;
import io.msklambda.tests.support.FailedOrders;
import io.msklambda.tests.support.LocalServices;
import io.msklambda.tests.support.TopicContents;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Kafka topic on the source cluster as the on-failure destination, on the real broker. */
class KafkaTopicSinkTest {

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    private static List<ConsumerRecord<byte[], byte[]>> orders;

    @BeforeAll
    static void produceOrders() {
        orders = FailedOrders.produce(SERVICES.kafka());
    }

    @Test
    void writesEachFailedRecordInsideItsFailureMetadataUnderItsOwnKey() throws Exception {
        // Given a kafka:// destination whose topic does not exist yet
        String bootstrap = SERVICES.kafka().bootstrapServers();
        Destination topic = Destination.parse("kafka://orders-dlt");

        try (KafkaTopicSink sink = new KafkaTopicSink(topic, bootstrap, Map.of(), FailedOrders.invocationRecord())) {
            // When the mapping gives up on four orders
            sink.send(FailedOrders.retriesExhausted(orders));

            // Then, acknowledged before send returned, the topic holds one message per order, keyed by its key,
            // whose value is the failure's metadata with the one record inside as an event
            List<ConsumerRecord<byte[], byte[]>> messages = TopicContents.readAll(bootstrap, "orders-dlt");
            assertThat(messages).hasSize(4);
            for (ConsumerRecord<byte[], byte[]> order : orders) {
                ConsumerRecord<byte[], byte[]> message = messages.stream()
                        .filter(m -> java.util.Arrays.equals(m.key(), order.key()))
                        .findFirst()
                        .orElseThrow();
                assertThat(FailedOrders.parse(message.value())).isEqualTo(expectedValue(order));
            }
            assertThat(sink.recordsHeld()).isEqualTo(4);
        }
    }

    @Test
    void createsTheMissingTopicWithTheClustersDefaultReplicationAndKeepsAnExistingOne() throws Exception {
        // Given a destination topic that does not exist
        String bootstrap = SERVICES.kafka().bootstrapServers();
        Destination topic = Destination.parse("kafka://orders-dlt-created");

        // When a sink opens on it, twice
        new KafkaTopicSink(topic, bootstrap, Map.of(), FailedOrders.invocationRecord()).close();
        try (KafkaTopicSink again = new KafkaTopicSink(topic, bootstrap, Map.of(), FailedOrders.invocationRecord())) {

            // Then the topic exists with the cluster's replication factor, empty
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                TopicDescription described = admin.describeTopics(List.of("orders-dlt-created"))
                        .allTopicNames()
                        .get()
                        .get("orders-dlt-created");
                assertThat(described.partitions())
                        .allSatisfy(partition -> assertThat(partition.replicas())
                                .hasSize(SERVICES.kafka().replicationFactor()));
            }
            assertThat(again.recordsHeld()).isZero();
        }
    }

    /** What AWS documents for one record: the failure's metadata, its offset as a string, and it as a 1-record event. */
    private static JsonNode expectedValue(ConsumerRecord<byte[], byte[]> order) {
        ObjectNode expected = FailedOrders.fixture("destination/order-record-retries-exhausted.json");
        byte[] event = FailedOrders.event(List.of(order));
        ObjectNode batchInfo = (ObjectNode) expected.get("KafkaBatchInfo");
        batchInfo.put("payloadSize", event.length);
        batchInfo
                .putObject("recordInfo")
                .put("offset", Long.toString(order.offset()))
                .put("timestamp", Instant.ofEpochMilli(order.timestamp()).toString());
        expected.set("payload", FailedOrders.parse(event));
        return expected;
    }
}
