package io.msklambda.tests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.local.faults.FaultSpec;
import io.msklambda.local.faults.FaultSpec.Kind;
import io.msklambda.local.pipeline.FaultPlan;
import io.msklambda.local.pipeline.Mapping;
import io.msklambda.local.pipeline.Pipeline;
import io.msklambda.local.pipeline.PipelineOptions;
import io.msklambda.local.pipeline.Workload;
import io.msklambda.local.stack.LocalStack;
import io.msklambda.local.stack.Services;
import io.msklambda.local.trigger.StartingPosition;
import io.msklambda.model.ItemsFormat;
import io.msklambda.producer.AuthMode;
import io.msklambda.producer.PayloadKind;
import io.msklambda.tests.support.GroundTruth;
import io.msklambda.tests.support.StoredItems;
import io.msklambda.tests.support.TopicContents;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The pipeline end to end on three brokers with faults on its schedule, each run checked against the ground truth
 * read from the topic afterwards: the tables hold exactly what the topic holds, and the topic exactly what the
 * producers had acknowledged (nothing lost, nothing written twice).
 */
class FaultPipelineTest {

    private static final int WINDOW_SECONDS = 5;
    private static final int BROKERS = 3;

    /** What a run printed and how it ended, with the services still up to be read. */
    private record Run(
            Pipeline.Outcome outcome,
            String output,
            Map<String, StoredItems.Stats> truth,
            Map<String, StoredItems.Stats> stored) {}

    @Test
    void aRollingRestartMidRunLosesAndDuplicatesNothing() {
        Run run = run(PayloadKind.TELEMETRY, 15, StartingPosition.TRIM_HORIZON, fault(Kind.BROKER_RESTART, 3, 0));

        assertExact(run);
        assertThat(run.output())
                .contains(
                        "broker-restart@3s: broker 1 restarted and in sync",
                        "broker 2 restarted and in sync",
                        "broker 3 restarted and in sync")
                .containsPattern("faults: broker-restart@3s: .*, leader changes [1-9]");
    }

    @Test
    void aHardKilledLeaderLosesNoAcknowledgedRecordAndWritesNoneTwice() {
        // killed for longer than broker.session.timeout.ms (9 s), after which the controller fences it
        Run run = run(PayloadKind.ORDERS, 20, StartingPosition.TRIM_HORIZON, fault(Kind.BROKER_KILL, 3, 12));

        assertExact(run);
        assertThat(run.output())
                .containsPattern("fault broker-kill@3s/12s: broker \\d \\(leader of \\S+-0\\) stopped hard for 12s")
                .containsPattern("healed broker-kill@3s/12s: broker \\d down 12\\.\\d s")
                .containsPattern("partition 0 acknowledged again \\d+\\.\\d s after the stop, leader changes [1-9]");
    }

    @Test
    void aDynamoDbOutageAndAThrottlingWindowMidConsumeAreRetriedUntilTheTablesAreExact() {
        // an outage longer than the SDK's 8 retries take (at most 6.4 s of backoff): batches fail and are retried
        Run run = run(
                PayloadKind.TELEMETRY,
                16,
                StartingPosition.TRIM_HORIZON,
                fault(Kind.DYNAMODB_OUTAGE, 2, 8),
                fault(Kind.DYNAMODB_THROTTLE, 12, 3));

        assertExact(run);
        assertThat(run.outcome().consumerRetries()).isPositive();
        assertThat(run.output())
                .containsPattern("dynamodb-outage@2s/8s: DynamoDB unreachable 8\\.\\d s, .*failed batches [1-9]")
                .containsPattern("dynamodb-throttle@12s/3s: [1-9][\\d,]* requests throttled in 3\\.\\d s");
    }

    @Test
    void latestDeliversEveryRecordProducedOnceTheTriggerHoldsItsPartitions() {
        Run run = run(PayloadKind.TELEMETRY, 5, StartingPosition.LATEST);

        assertExact(run);
    }

    /** Every account agrees, and the tables equal what the topic holds. */
    private static void assertExact(Run run) {
        assertThat(run.outcome().exitCode()).as(run.output()).isZero();
        assertThat(run.outcome().reconciliation().topic().lost()).isZero();
        assertThat(run.outcome().reconciliation().topic().duplicated()).isZero();
        assertThat(run.outcome().reconciliation().acknowledged())
                .isPositive()
                .isEqualTo(run.outcome().reconciliation().topic().records())
                .isEqualTo(run.truth().values().stream()
                        .mapToLong(StoredItems.Stats::count)
                        .sum());
        assertThat(run.output()).contains("(0 lost, 0 duplicated)");
        assertThat(run.stored()).isEqualTo(run.truth());
    }

    private static FaultSpec fault(Kind kind, int atSeconds, int forSeconds) {
        return new FaultSpec(kind, Duration.ofSeconds(atSeconds), Duration.ofSeconds(forSeconds));
    }

    private static Run run(PayloadKind payload, int runSeconds, StartingPosition position, FaultSpec... faults) {
        String name = "fault-" + UUID.randomUUID().toString().substring(0, 8);
        Services services =
                new Services(name, 3, BROKERS, null, AuthMode.NONE, null, name + "-aggregates", name + "-rejects");
        PipelineOptions options = new PipelineOptions(
                new Workload(
                        payload,
                        3,
                        Duration.ofSeconds(1),
                        1,
                        runSeconds,
                        50,
                        Duration.ofMillis(200),
                        12,
                        ItemsFormat.ARRAY,
                        42L),
                services,
                new Mapping(WINDOW_SECONDS, 40, Duration.ofMillis(200), position, name + "-group", -1),
                new FaultPlan(List.of(faults), 0, 0),
                Duration.ofMinutes(2),
                false);
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out, true);
        try (LocalStack stack = LocalStack.start(services, writer)) {
            Pipeline.Outcome outcome = new Pipeline(options).run(writer, stack);
            Map<String, Object> client = new HashMap<>(stack.clientProperties());
            client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
            List<byte[]> values = TopicContents.readAll(client, name).stream()
                    .map(ConsumerRecord::value)
                    .toList();
            return new Run(
                    outcome,
                    out.toString(),
                    GroundTruth.of(values, WINDOW_SECONDS),
                    StoredItems.aggregates(stack.dynamo(), name + "-aggregates"));
        }
    }
}
