package io.msklambda.tests.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msklambda.local.destination.EmbeddedSqs;
import io.msklambda.local.destination.FileSink;
import io.msklambda.local.destination.KafkaTopicSink;
import io.msklambda.local.destination.OnFailureSinks;
import io.msklambda.local.destination.ReadableSink;
import io.msklambda.local.destination.SqsSink;
import io.msklambda.local.trigger.Destination;
import io.msklambda.tests.support.FailedOrders;
import io.msklambda.tests.support.LocalServices;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The one call that opens a mapping's on-failure destination, for each kind AWS allows. */
class OnFailureSinksTest {

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    private static List<ConsumerRecord<byte[], byte[]>> orders;

    @BeforeAll
    static void produceOrders() {
        orders = FailedOrders.produce(SERVICES.kafka());
    }

    @Test
    void opensTheSinkForEachKindOfDestinationAndReadsBackTheRecordsSentThere(@TempDir Path dir) throws Exception {
        // Given one destination of each kind
        Map<String, Class<?>> kinds = Map.of(
                "kafka://orders-failed", KafkaTopicSink.class,
                "arn:aws:sqs:us-east-1:123456789012:orders-failed", SqsSink.class,
                "arn:aws:sns:us-east-1:123456789012:orders-failed", FileSink.class,
                "arn:aws:s3:::orders-failed", FileSink.class);

        for (Map.Entry<String, Class<?>> kind : kinds.entrySet()) {
            // When each is opened with the run's settings and the mapping gives up on four orders
            try (ReadableSink sink =
                    OnFailureSinks.open(Destination.parse(kind.getKey()), settings(dir, Optional.empty()))) {
                sink.send(FailedOrders.retriesExhausted(orders));

                // Then it is the sink for that kind, and its destination holds the four records
                assertThat(sink).as(kind.getKey()).isInstanceOf(kind.getValue());
                assertThat(sink.destination().spec()).isEqualTo(kind.getKey());
                assertThat(sink.recordsHeld()).as(kind.getKey()).isEqualTo(4);
            }
        }
    }

    @Test
    void sendsToTheQueueOnAGivenSqsEndpoint(@TempDir Path dir) throws Exception {
        // Given an SQS-compatible endpoint that has the queue
        try (EmbeddedSqs sqs = EmbeddedSqs.start()) {
            String url = sqs.createQueue("orders-failed");

            // When the factory opens the queue's ARN with that endpoint
            try (ReadableSink sink = OnFailureSinks.open(
                    Destination.parse("arn:aws:sqs:us-east-1:123456789012:orders-failed"),
                    settings(dir, Optional.of(sqs.endpoint())))) {
                sink.send(FailedOrders.retriesExhausted(orders));

                // Then the message went to that server's queue
                assertThat(((SqsSink) sink).queueUrl()).isEqualTo(url);
                assertThat(sink.location()).isEqualTo("SQS queue " + url);
                assertThat(sink.recordsHeld()).isEqualTo(4);
            }
        }
    }

    @Test
    void refusesABucketNameS3WouldRefuse(@TempDir Path dir) {
        // Given an S3 ARN whose name is no bucket name; When it is opened, Then the error says what a bucket name is
        assertThatThrownBy(() -> OnFailureSinks.open(
                        Destination.parse("arn:aws:s3:::../../etc"), settings(dir, Optional.empty())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "an S3 bucket name is 3 to 63 lower-case letters, digits, '.' or '-': arn:aws:s3:::../../etc");
    }

    private static OnFailureSinks.Settings settings(Path dir, Optional<URI> sqsEndpoint) {
        return new OnFailureSinks.Settings(
                FailedOrders.invocationRecord(),
                SERVICES.kafka().bootstrapServers(),
                Map.of(),
                sqsEndpoint,
                dir,
                "a1b2c3d4-5678-90ab-cdef-11111EXAMPLE");
    }
}
