package io.msklambda.tests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msklambda.local.kafka.EmbeddedKafka;
import io.msklambda.local.trigger.FailedBatch;
import io.msklambda.local.trigger.InvocationRecord;
import io.msklambda.local.trigger.MskEventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Four orders a mapping gave up on, as the on-failure sinks' tests need them: produced to a real topic from
 * {@code destination/orders.jsonl} (two on each of two partitions, with set timestamps), read back as the trigger
 * reads them, and the invocation-record settings that {@code destination/*.json} expect.
 */
public final class FailedOrders {

    public static final String TOPIC = "orders";
    public static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:msk-lambda-consumer";
    public static final String CLUSTER_ARN =
            "arn:aws:kafka:us-east-1:123456789012:cluster/orders/abcd1234-abcd-cafe-abab-9876543210ab-4";
    /** What the records say the cluster's address is; the sinks only copy it. */
    public static final String BOOTSTRAP_SERVERS = "b-1.orders.abcd12.c4.kafka.us-east-1.amazonaws.com:9098";

    public static final String REQUEST_ID = "c9b5a1f2-3d4e-4f60-8a7b-1c2d3e4f5a6b";
    public static final Instant GAVE_UP = Instant.parse("2026-12-01T06:07:08.123Z");

    private static final ObjectMapper JSON = new ObjectMapper();

    private FailedOrders() {}

    /** Creates {@link #TOPIC} with two partitions, produces the orders and returns them in partition and offset order. */
    public static List<ConsumerRecord<byte[], byte[]>> produce(EmbeddedKafka kafka) {
        kafka.createTopic(TOPIC, 2);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (String line : resource("destination/orders.jsonl").split("\n")) {
                JsonNode order = JSON.readTree(line);
                producer.send(new ProducerRecord<>(
                        TOPIC,
                        order.get("partition").asInt(),
                        Instant.parse(order.get("timestamp").asText()).toEpochMilli(),
                        JSON.writeValueAsBytes(order.get("key")),
                        JSON.writeValueAsBytes(order.get("value"))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return TopicContents.readAll(kafka.bootstrapServers(), TOPIC).stream()
                .sorted(Comparator.comparingInt((ConsumerRecord<byte[], byte[]> r) -> r.partition())
                        .thenComparingLong(ConsumerRecord::offset))
                .toList();
    }

    /** The records, given up on after three invocations that each failed with an unhandled error. */
    public static FailedBatch retriesExhausted(List<ConsumerRecord<byte[], byte[]>> records) {
        return new FailedBatch(
                FailedBatch.Condition.RetryAttemptsExhausted, records, 3, "Unhandled", REQUEST_ID, GAVE_UP);
    }

    public static InvocationRecord invocationRecord() {
        return new InvocationRecord(FUNCTION_ARN, CLUSTER_ARN, BOOTSTRAP_SERVERS);
    }

    /** The event the function was invoked with for these records: what an invocation record's payload holds. */
    public static byte[] event(List<ConsumerRecord<byte[], byte[]>> records) {
        return new MskEventJson(CLUSTER_ARN, BOOTSTRAP_SERVERS).write(records);
    }

    /** A JSON fixture from the test resources, to be completed by the test with what depends on the run. */
    public static ObjectNode fixture(String path) {
        try {
            return (ObjectNode) JSON.readTree(resource(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String resource(String path) {
        try (InputStream in = FailedOrders.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
