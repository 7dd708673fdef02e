package io.msklambda.tests.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msklambda.local.cli.MskLocal;
import io.msklambda.local.faults.FaultSpec;
import io.msklambda.local.faults.FaultSpec.Kind;
import io.msklambda.local.pipeline.FaultPlan;
import io.msklambda.local.pipeline.Mapping;
import io.msklambda.local.pipeline.PipelineOptions;
import io.msklambda.local.pipeline.Workload;
import io.msklambda.local.stack.Services;
import io.msklambda.local.trigger.StartingPosition;
import io.msklambda.model.ItemsFormat;
import io.msklambda.producer.AuthMode;
import io.msklambda.producer.PayloadKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import picocli.CommandLine;

/**
 * The pipeline's option records: each bad value fails when its record is built, before anything starts, with
 * {@code "--option value: what is allowed"}. The defaults below are the command's own (a one-minute tick, one tick,
 * a 30 s run), so the producers end 30 s from the start.
 */
class PipelineOptionsTest {

    private static final URI REAL_DYNAMODB = URI.create("https://dynamodb.us-east-1.amazonaws.com");

    private static Workload workload(int concurrency, int runSeconds) {
        return new Workload(
                PayloadKind.TELEMETRY,
                concurrency,
                Duration.ofMinutes(1),
                1,
                runSeconds,
                100,
                Duration.ofSeconds(1),
                10,
                ItemsFormat.ARRAY,
                null);
    }

    private static Workload workload() {
        return workload(5, 30);
    }

    private static Services services(int brokers, String bootstrapServers, URI dynamodbEndpoint) {
        return new Services(
                "telemetry",
                3,
                brokers,
                bootstrapServers,
                AuthMode.IAM,
                dynamodbEndpoint,
                "msk-lambda-aggregates",
                "msk-lambda-rejects");
    }

    private static Services brokers(int brokers) {
        return services(brokers, null, null);
    }

    private static Mapping mapping(int batchSize, Duration batchingWindow, int maxRetries) {
        return new Mapping(
                10, batchSize, batchingWindow, StartingPosition.TRIM_HORIZON, "msk-lambda-consumer", maxRetries);
    }

    private static Mapping mapping() {
        return mapping(100, Duration.ofMillis(500), -1);
    }

    private static FaultPlan faults(FaultSpec... scheduled) {
        return new FaultPlan(List.of(scheduled), 0, 0);
    }

    private static PipelineOptions options(Workload workload, Services services, FaultPlan faults) {
        return new PipelineOptions(workload, services, mapping(), faults, Duration.ofMinutes(2), false);
    }

    private static PipelineOptions options(Services services, FaultSpec... faults) {
        return options(workload(), services, faults(faults));
    }

    private static FaultSpec fault(Kind kind, int atSeconds, int forSeconds) {
        return new FaultSpec(kind, Duration.ofSeconds(atSeconds), Duration.ofSeconds(forSeconds));
    }

    private static FaultSpec restart(int atSeconds) {
        return new FaultSpec(Kind.BROKER_RESTART, Duration.ofSeconds(atSeconds), null);
    }

    private static void assertRejected(Executable build, String message) {
        assertThatThrownBy(build::execute)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    // Workload, Services, Mapping, FaultPlan: one option each

    @Test
    void concurrencyOfZeroIsRejectedWithItsRange() {
        assertRejected(() -> workload(0, 30), "--concurrency 0: must be 1 to 100");
    }

    @Test
    void concurrencyAboveOneHundredIsRejectedWithItsRange() {
        assertRejected(() -> workload(101, 30), "--concurrency 101: must be 1 to 100");
    }

    @Test
    void runSecondsAboveTheProducersMaxRunIsRejectedNamingTheFunctionVariable() {
        assertRejected(() -> workload(5, 901), "--run-seconds (MAX_RUN_SEC) 901: must be 1 to 900");
    }

    @Test
    void tenBrokersAreRejectedWithTheRangeOfTheEmbeddedCluster() {
        assertRejected(() -> brokers(10), "--brokers 10: must be 1 to 9");
    }

    @Test
    void zeroBrokersAreRejectedWithTheRangeOfTheEmbeddedCluster() {
        assertRejected(() -> brokers(0), "--brokers 0: must be 1 to 9");
    }

    @Test
    void brokerCountWithARealClusterIsRejectedSayingItSizesOnlyTheEmbeddedOne() {
        assertRejected(
                () -> services(3, "b-1.example:9098", null),
                "--brokers 3: sizes the embedded cluster; it cannot be used with --bootstrap-servers");
    }

    @Test
    void maxRetriesBelowMinusOneIsRejectedWithItsRange() {
        assertRejected(() -> mapping(100, Duration.ofMillis(500), -2), "--max-retries -2: must be -1 to 10000");
    }

    @Test
    void maxRetriesOfMinusOneMeansUntilItSucceedsAndIsAccepted() {
        Mapping mapping = mapping(100, Duration.ofMillis(500), -1);

        assertThat(mapping.errors().maxRetries()).isEqualTo(-1);
    }

    @Test
    void batchSizeAboveTheTriggersLimitIsRejectedWithItsRange() {
        assertRejected(() -> mapping(10_001, Duration.ofMillis(500), -1), "--batch-size 10001: must be 1 to 10000");
    }

    @Test
    void negativeCrashEveryIsRejectedSayingZeroMeansNever() {
        assertRejected(() -> new FaultPlan(List.of(), 0, -1), "--crash-every -1: must be 0 (never) or more");
    }

    @Test
    void negativeRedeliverEveryIsRejectedSayingZeroMeansNever() {
        assertRejected(() -> new FaultPlan(List.of(), -3, 0), "--redeliver-every -3: must be 0 (never) or more");
    }

    // PipelineOptions: the faults against the services and the run

    @Test
    void brokerKillAndDynamoDbOutageOnThreeBrokersInAThirtySecondRunAreAccepted() {
        // Given a kill from 10 s to 20 s and an outage from 15 s to 25 s: overlapping, but on different services
        FaultSpec kill = fault(Kind.BROKER_KILL, 10, 10);
        FaultSpec outage = fault(Kind.DYNAMODB_OUTAGE, 15, 10);

        // When
        PipelineOptions options = options(brokers(3), kill, outage);

        // Then both are scheduled, as given
        assertThat(options.faults()).isEqualTo(new FaultPlan(List.of(kill, outage), 0, 0));
    }

    @Test
    void faultsOnOneServiceOneAfterTheOtherHasHealedAreAccepted() {
        // Given a throttle starting exactly when the outage before it ends, and a kill before a rolling restart
        FaultSpec outage = fault(Kind.DYNAMODB_OUTAGE, 5, 10);
        FaultSpec throttle = fault(Kind.DYNAMODB_THROTTLE, 15, 5);
        FaultSpec kill = fault(Kind.BROKER_KILL, 2, 3);
        FaultSpec restart = restart(5);

        // When
        PipelineOptions options = options(brokers(3), outage, throttle, kill, restart);

        // Then
        assertThat(options.faults().scheduled()).containsExactly(outage, throttle, kill, restart);
    }

    @Test
    void brokerFaultOnOneBrokerIsRejectedSayingTheTopicWouldBeOffline() {
        assertRejected(
                () -> options(brokers(1), fault(Kind.BROKER_KILL, 1, 1)),
                "--fault broker-kill@1s/1s: needs --brokers 2 or more (MSK runs 3): with one broker the topic would be "
                        + "offline");
    }

    @Test
    void brokerFaultOnARealClusterIsRejectedSayingItStopsEmbeddedBrokers() {
        assertRejected(
                () -> options(services(1, "b-1.example:9098", null), fault(Kind.BROKER_KILL, 10, 10)),
                "--fault broker-kill@10s/10s: stops brokers of the embedded Kafka cluster; it cannot be used with "
                        + "--bootstrap-servers");
    }

    @Test
    void dynamoDbFaultOnARealEndpointIsRejectedSayingItActsOnDynamoDbLocal() {
        assertRejected(
                () -> options(services(3, null, REAL_DYNAMODB), fault(Kind.DYNAMODB_OUTAGE, 15, 10)),
                "--fault dynamodb-outage@15s/10s: acts on the embedded DynamoDB Local; it cannot be used with "
                        + "--dynamodb-endpoint");
    }

    @Test
    void faultStartingWhenTheProducersEndIsRejectedSayingWhenTheyEnd() {
        assertRejected(
                () -> options(brokers(3), fault(Kind.DYNAMODB_THROTTLE, 30, 5)),
                "--fault dynamodb-throttle@30s/5s: must start before the producers end (30 s from the start, --ticks and "
                        + "--run-seconds)");
    }

    @Test
    void faultStartingAfterTheLastTickEndsIsRejectedCountingEveryTick() {
        // Given three ticks a minute apart of 30 s each: the producers end at 2 min 30 s
        Workload threeTicks = new Workload(
                PayloadKind.TELEMETRY,
                5,
                Duration.ofMinutes(1),
                3,
                30,
                100,
                Duration.ofSeconds(1),
                10,
                ItemsFormat.ARRAY,
                null);

        // When a restart is scheduled at 2 min 30 s, Then it is rejected; at 2 min 29 s it is accepted
        assertRejected(
                () -> options(threeTicks, brokers(3), faults(restart(150))),
                "--fault broker-restart@150s: must start before the producers end (150 s from the start, --ticks and "
                        + "--run-seconds)");
        assertThat(options(threeTicks, brokers(3), faults(restart(149)))
                        .faults()
                        .scheduled())
                .containsExactly(restart(149));
    }

    @Test
    void twoOverlappingDynamoDbFaultsAreRejectedNamingBoth() {
        assertRejected(
                () -> options(brokers(1), fault(Kind.DYNAMODB_OUTAGE, 5, 10), fault(Kind.DYNAMODB_THROTTLE, 14, 5)),
                "--fault dynamodb-throttle@14s/5s: overlaps dynamodb-outage@5s/10s on the same service; start it once "
                        + "that one has healed");
    }

    @Test
    void overlappingFaultsAreJudgedByTheirTimesNotTheOrderTheyWereTyped() {
        // Given the later fault typed first
        assertRejected(
                () -> options(brokers(1), fault(Kind.DYNAMODB_THROTTLE, 14, 5), fault(Kind.DYNAMODB_OUTAGE, 5, 10)),
                "--fault dynamodb-throttle@14s/5s: overlaps dynamodb-outage@5s/10s on the same service; start it once "
                        + "that one has healed");
    }

    @Test
    void twoOverlappingBrokerKillsAreRejected() {
        assertRejected(
                () -> options(brokers(3), fault(Kind.BROKER_KILL, 5, 10), fault(Kind.BROKER_KILL, 10, 5)),
                "--fault broker-kill@10s/5s: overlaps broker-kill@5s/10s on the same service; start it once that one "
                        + "has healed");
    }

    @Test
    void kafkaFaultAfterARollingRestartIsRejectedSayingTheRestartHasNoFixedEnd() {
        assertRejected(
                () -> options(brokers(3), restart(5), fault(Kind.BROKER_KILL, 20, 5)),
                "--fault broker-kill@20s/5s: comes after broker-restart@5s, which lasts until every broker has "
                        + "restarted; schedule it before");
    }

    @Test
    void dynamoDbFaultDuringARollingRestartIsAccepted() {
        PipelineOptions options = options(brokers(3), restart(5), fault(Kind.DYNAMODB_OUTAGE, 6, 5));

        assertThat(options.faults().scheduled()).containsExactly(restart(5), fault(Kind.DYNAMODB_OUTAGE, 6, 5));
    }

    @Test
    void drainTimeoutBelowOneSecondIsRejected() {
        assertRejected(
                () -> new PipelineOptions(workload(), brokers(1), mapping(), FaultPlan.NONE, Duration.ZERO, false),
                "--drain-timeout PT0S: must be 1s or more");
    }

    // Through the command line: the same messages, as usage errors, before anything starts

    /** Exit code, standard output, standard error. */
    private record Run(int exit, String out, String err) {}

    private static Run pipeline(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "pipeline";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = MskLocal.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void commandWithABrokerFaultOnOneBrokerFailsAsAUsageErrorWithoutStartingAnything() {
        // When
        Run run = pipeline("--brokers", "1", "--fault", "broker-kill@1s/1s");

        // Then picocli's usage error (2, which the command's help also gives for a failed batch), the rule, no run
        assertThat(run.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().findFirst())
                .contains(
                        "--fault broker-kill@1s/1s: needs --brokers 2 or more (MSK runs 3): with one broker the topic would be "
                                + "offline");
    }

    @Test
    void commandWithTenBrokersFailsAsAUsageErrorNamingTheRange() {
        Run run = pipeline("--brokers", "10");

        assertThat(run.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().findFirst()).contains("--brokers 10: must be 1 to 9");
    }

    @Test
    void commandWithMaxRetriesMinusTwoFailsAsAUsageErrorNamingTheRange() {
        Run run = pipeline("--max-retries", "-2");

        assertThat(run.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().findFirst()).contains("--max-retries -2: must be -1 to 10000");
    }

    @Test
    void commandWithAFaultAfterTheProducersEndFailsAsAUsageError() {
        Run run = pipeline("--brokers", "3", "--run-seconds", "15", "--fault", "broker-restart@20s");

        assertThat(run.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().findFirst())
                .contains(
                        "--fault broker-restart@20s: must start before the producers end (15 s from the start, --ticks and "
                                + "--run-seconds)");
    }
}
