package io.msklambda.tests.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.msklambda.consumer.AggregatesTable;
import io.msklambda.tests.support.DynamoDbLocalCredentials;
import io.msklambda.tests.support.LocalServices;
import io.msklambda.tests.support.TopicContents;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A poison record end to end: the consumer fails on every record of device 3, the mapping retries, bisects or reads
 * partial responses, and gives the poison up to its on-failure destination, while the rest of each partition goes on.
 * The reconciliation counts them: acknowledged = aggregated + rejected + sent to the destination.
 */
@ExtendWith(DynamoDbLocalCredentials.class)
class PipelineOnFailureTest {

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POISON = "{\"value\":{\"device_id\":[3]}}";
    private static final Pattern SENT = Pattern.compile("\\+ sent to the destination ([\\d,]+)");

    @Test
    void withBisectOnlyThePoisonRecordsReachTheKafkaTopicWithTheirMetadataAndTheRestIsStored() throws Exception {
        // Given a provisioned mapping with 2 retries, bisect and a Kafka topic destination, and device 3 poisoned
        String name = "p-" + UUID.randomUUID().toString().substring(0, 8);
        String failures = name + "-failures";

        // When the pipeline runs
        PipelineTemplateTest.Run run =
                run(name, "--pollers", "1-3", "--max-retries", "2", "--bisect", "--on-failure", "kafka://" + failures);

        // Then it reconciles: every record is stored or in the destination, and device 3 only in the destination
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).doesNotContain(row(3)).contains(row(1), row(2), row(4));
        long sent = sent(run.out());
        assertThat(sent).isPositive();

        // And the topic holds one message per poison record: its metadata, and the record itself with its key
        List<ConsumerRecord<byte[], byte[]>> messages =
                TopicContents.readAll(SERVICES.kafka().bootstrapServers(), failures);
        assertThat(messages).hasSize((int) sent).allSatisfy(message -> {
            JsonNode failure = JSON.readTree(message.value());
            assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
            assertThat(failure.at("/requestContext/approximateInvokeCount").asInt())
                    .isGreaterThanOrEqualTo(3);
            assertThat(failure.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
            assertThat(failure.at("/KafkaBatchInfo/batchSize").asInt()).isEqualTo(1);
            JsonNode record = failure.at("/payload/records").elements().next().get(0);
            assertThat(record.get("topic").asText()).isEqualTo(name);
            JsonNode value =
                    JSON.readTree(Base64.getDecoder().decode(record.get("value").asText()));
            assertThat(value.get("device_id").asInt()).isEqualTo(3);
            assertThat(message.key())
                    .isEqualTo(
                            record.has("key")
                                    ? Base64.getDecoder()
                                            .decode(record.get("key").asText())
                                    : null);
        });
    }

    @Test
    void withPartialBatchResponsesAndBisectThePoisonAloneIsGivenUpAndTheRestProcessedOnce() throws Exception {
        String name = "q-" + UUID.randomUUID().toString().substring(0, 8);

        PipelineTemplateTest.Run run = run(
                name,
                "--pollers",
                "1-3",
                "--max-retries",
                "2",
                "--bisect",
                "--report-batch-item-failures",
                "--on-failure",
                "kafka://" + name + "-failures");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        long sent = sent(run.out());
        List<ConsumerRecord<byte[], byte[]>> messages =
                TopicContents.readAll(SERVICES.kafka().bootstrapServers(), name + "-failures");
        assertThat(messages).hasSize((int) sent);
        List<Integer> devices = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> message : messages) {
            JsonNode record = JSON.readTree(message.value())
                    .at("/payload/records")
                    .elements()
                    .next()
                    .get(0);
            devices.add(
                    JSON.readTree(Base64.getDecoder().decode(record.get("value").asText()))
                            .get("device_id")
                            .asInt());
        }
        // a partial response stops at the poison: a record after it in its batch may be given up with it, never stored
        assertThat(devices).contains(3);
        assertThat(run.out()).doesNotContain(row(3));
    }

    @Test
    void anSqsDestinationOnAnEmbeddedQueueHoldsEveryGivenUpRecord() {
        String name = "s-" + UUID.randomUUID().toString().substring(0, 8);

        PipelineTemplateTest.Run run = run(
                name,
                "--pollers",
                "1-3",
                "--max-retries",
                "0",
                "--bisect",
                "--on-failure",
                "arn:aws:sqs:us-east-1:123456789012:" + name + "-failures");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(sent(run.out())).isPositive();
        assertThat(run.out())
                .contains("on-failure destination arn:aws:sqs:us-east-1:123456789012:" + name + "-failures: ");
    }

    @Test
    void withoutADestinationThePoisonBatchesAreDiscardedAndTheReconciliationSaysTheyAreLost() {
        String name = "d-" + UUID.randomUUID().toString().substring(0, 8);

        PipelineTemplateTest.Run run = run(name, "--pollers", "1-3", "--max-retries", "1");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out())
                .containsPattern("reconciliation: FAILED - [\\d,]+ records were discarded: their retries "
                        + "ran out and the mapping has no on-failure destination");
    }

    private static PipelineTemplateTest.Run run(String name, String... mapping) {
        List<String> args =
                new ArrayList<>(List.of("pipeline", "--concurrency", "2", "--devices", "4", "--poison", POISON));
        args.addAll(PipelineTemplateTest.shortRun(SERVICES, name));
        args.addAll(List.of(mapping));
        return PipelineTemplateTest.pipeline(args.toArray(String[]::new));
    }

    /** The start of a device's row in the printed table. */
    private static String row(int device) {
        return AggregatesTable.deviceSeries(device) + " ";
    }

    private static long sent(String out) {
        Matcher sent = SENT.matcher(out);
        assertThat(sent.find()).as(out).isTrue();
        return Long.parseLong(sent.group(1).replace(",", ""));
    }
}
