package io.msklambda.tests.destination;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msklambda.local.destination.FileSink;
import io.msklambda.local.trigger.Destination;
import io.msklambda.tests.support.FailedOrders;
import io.msklambda.tests.support.LocalServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** An S3 bucket or an SNS topic as the on-failure destination, written as files, with records from the real broker. */
class FileSinkTest {

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    private static final String MAPPING = "a1b2c3d4-5678-90ab-cdef-11111EXAMPLE";

    private static List<ConsumerRecord<byte[], byte[]>> orders;

    @BeforeAll
    static void produceOrders() {
        orders = FailedOrders.produce(SERVICES.kafka());
    }

    @Test
    void putsOneObjectWithTheEventAsAnEscapedStringUnderTheKeyLambdaDocuments(@TempDir Path dir) throws Exception {
        // Given an S3 bucket destination
        FileSink sink = new FileSink(
                Destination.parse("arn:aws:s3:::orders-failures"), dir, MAPPING, FailedOrders.invocationRecord());

        // When the mapping gives up on four orders
        sink.send(FailedOrders.retriesExhausted(orders));

        // Then the bucket holds one object at aws/lambda/<ESM-UUID>/<topic-partition>/YYYY/MM/DD/<time>-<uuid>
        List<Path> objects = sink.objects();
        assertThat(objects).hasSize(1);
        Path bucket = dir.resolve("s3/orders-failures");
        assertThat(bucket.relativize(objects.get(0)).toString())
                .matches(
                        "aws/lambda/" + MAPPING
                                + "/orders-0/2026/12/01/2026-12-01T06\\.07\\.08-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        // holding the metadata and, as a JSON string, the very event the function was invoked with
        String event = new String(FailedOrders.event(orders), StandardCharsets.UTF_8);
        ObjectNode expected = FailedOrders.fixture("destination/orders-retries-exhausted.json");
        ((ObjectNode) expected.get("KafkaBatchInfo")).put("payloadSize", event.length());
        expected.put("payload", event);
        JsonNode object = FailedOrders.parse(Files.readAllBytes(objects.get(0)));
        assertThat(object).isEqualTo(expected);
        assertThat(object.get("payload").isTextual()).isTrue();
        assertThat(FailedOrders.parse(object.get("payload").asText())
                        .get("records")
                        .get("orders-1")
                        .size())
                .isEqualTo(2);
        assertThat(sink.recordsHeld()).isEqualTo(4);
        assertThat(sink.messages()).isEmpty();
    }

    @Test
    void appendsOneLineOfMetadataPerFailedBatchToTheTopicsFile(@TempDir Path dir) throws Exception {
        // Given an SNS topic destination
        FileSink sink = new FileSink(
                Destination.parse("arn:aws:sns:us-east-1:123456789012:orders-failures"),
                dir,
                MAPPING,
                FailedOrders.invocationRecord());

        // When the mapping gives up on four orders, then on the first one again
        sink.send(FailedOrders.retriesExhausted(orders));
        sink.send(FailedOrders.retriesExhausted(orders.subList(0, 1)));

        // Then <dir>/sns/<topic>.jsonl holds two messages, the first the metadata AWS documents (no records)
        assertThat(sink.root()).isEqualTo(dir.resolve("sns/orders-failures.jsonl"));
        List<String> lines = Files.readAllLines(sink.root(), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        ObjectNode expected = FailedOrders.fixture("destination/orders-retries-exhausted.json");
        ((ObjectNode) expected.get("KafkaBatchInfo")).put("payloadSize", FailedOrders.event(orders).length);
        assertThat(FailedOrders.parse(lines.get(0))).isEqualTo(expected);
        assertThat(FailedOrders.parse(lines.get(1))
                        .get("KafkaBatchInfo")
                        .get("batchSize")
                        .asInt())
                .isEqualTo(1);
        // and reading it back counts five records
        assertThat(sink.recordsHeld()).isEqualTo(5);
        assertThat(sink.objects()).isEmpty();
    }
}
