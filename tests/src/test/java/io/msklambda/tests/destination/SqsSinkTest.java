package io.msklambda.tests.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msklambda.local.destination.EmbeddedSqs;
import io.msklambda.local.destination.SqsSink;
import io.msklambda.local.trigger.Destination;
import io.msklambda.local.trigger.FailedBatch;
import io.msklambda.tests.support.FailedOrders;
import io.msklambda.tests.support.LocalServices;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** An SQS queue as the on-failure destination, on the real ElasticMQ, with records from the real broker. */
class SqsSinkTest {

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    private static final Destination QUEUE = Destination.parse("arn:aws:sqs:us-east-1:123456789012:orders-on-failure");

    private static List<ConsumerRecord<byte[], byte[]>> orders;

    @BeforeAll
    static void produceOrders() {
        orders = FailedOrders.produce(SERVICES.kafka());
    }

    @Test
    void sendsOneMessageWithTheBatchMetadataAndNoRecordsToTheQueueTheArnNames() throws Exception {
        // Given four orders on two partitions that the mapping gave up on after three invocations
        FailedBatch failed = FailedOrders.retriesExhausted(orders);

        try (SqsSink sink = SqsSink.embedded(QUEUE, FailedOrders.invocationRecord())) {
            // When the sink sends them
            sink.send(failed);

            // Then the queue named by the ARN holds one message: the metadata AWS documents for SQS, with each
            // partition's first and last offset as strings and the size of the event, but not the event
            List<String> messages = sink.drain();
            ObjectNode expected = FailedOrders.fixture("destination/orders-retries-exhausted.json");
            ((ObjectNode) expected.get("KafkaBatchInfo")).put("payloadSize", FailedOrders.event(orders).length);
            assertThat(sink.queueUrl()).endsWith("/000000000000/orders-on-failure");
            assertThat(messages).hasSize(1);
            assertThat(FailedOrders.parse(messages.get(0))).isEqualTo(expected);
            // and reading it back counts its four records, the messages gone from the queue
            assertThat(sink.recordsHeld()).isEqualTo(4);
            assertThat(sink.drain()).isEmpty();
        }
    }

    @Test
    void countsTheRecordsOfEveryMessageTheQueueEverHeld() throws Exception {
        // Given a sink that sent the four orders, then the last one again alone
        try (SqsSink sink = SqsSink.embedded(QUEUE, FailedOrders.invocationRecord())) {
            sink.send(FailedOrders.retriesExhausted(orders));
            sink.drain();
            sink.send(FailedOrders.retriesExhausted(orders.subList(3, 4)));

            // When the destination is read back
            long held = sink.recordsHeld();

            // Then it counts both messages' records, the drained ones included
            assertThat(held).isEqualTo(5);
        }
    }

    @Test
    void throwsWhenSqsIsDownSoThatTheMappingKeepsTheRecordsAndRetries() {
        // Given a sink connected to a queue whose server then stops
        EmbeddedSqs sqs = EmbeddedSqs.start();
        sqs.createQueue(QUEUE.name());
        try (SqsSink sink = SqsSink.connect(QUEUE, sqs.endpoint(), FailedOrders.invocationRecord())) {
            sqs.close();

            // When it sends, Then the send fails once the SDK's retries are spent
            assertThatThrownBy(() -> sink.send(FailedOrders.retriesExhausted(orders)))
                    .isInstanceOf(SdkClientException.class);
        } finally {
            sqs.close();
        }
    }

    @Test
    void refusesAnEndpointWithoutTheQueueAsLambdaRequiresItToExist() {
        // Given a server without the queue
        try (EmbeddedSqs sqs = EmbeddedSqs.start()) {

            // When a sink connects to it, Then SQS's own error says the queue does not exist
            assertThatThrownBy(() -> SqsSink.connect(QUEUE, sqs.endpoint(), FailedOrders.invocationRecord()))
                    .isInstanceOf(QueueDoesNotExistException.class);
        }
    }
}
