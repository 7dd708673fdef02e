package io.msklambda.local.cli;

import io.msklambda.local.faults.FaultSpec;
import io.msklambda.local.pipeline.FaultPlan;
import io.msklambda.local.pipeline.Mapping;
import io.msklambda.local.pipeline.Pipeline;
import io.msklambda.local.pipeline.PipelineOptions;
import io.msklambda.local.pipeline.Services;
import io.msklambda.local.pipeline.Workload;
import io.msklambda.local.trigger.StartingPosition;
import io.msklambda.model.ItemsFormat;
import io.msklambda.producer.AuthMode;
import io.msklambda.producer.PayloadKind;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import software.amazon.awssdk.core.exception.SdkException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code msk-local pipeline}: producers, trigger and consumer end to end, then the windows and a reconciliation. */
@Command(name = "pipeline", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {
            "Runs the whole flow: every tick, N concurrent producer invocations publish to Kafka; the MSK trigger "
                + "emulator delivers batches to the consumer, which writes windowed averages to DynamoDB.",
            "Then prints the latest windows and reconciles the records the producers had acknowledged with those "
                + "the trigger delivered and those the consumer stored.",
            "Exit code: 0 when they agree, 1 when they do not, 2 when a batch failed past its retries, the consumer "
                + "did not catch up within the drain timeout or a service could not be reached, 130 when interrupted "
                + "(Ctrl-C or SIGTERM)."},
        footer = {"", "Examples:",
            "  msk-local pipeline                                   # a one-minute demo on the embedded services",
            "  msk-local pipeline --payload orders --ticks 3 --tick 20s --run-seconds 15",
            "  msk-local pipeline --redeliver-every 5 --crash-every 7   # with redeliveries and crashes",
            "  msk-local pipeline --brokers 3 --fault broker-kill@10s/10s --fault dynamodb-outage@15s/10s",
            "  msk-local pipeline --brokers 3 --fault broker-restart@5s --run-seconds 60   # MSK's patching",
            "  msk-local pipeline --bootstrap-servers b-1.example:9098 --auth iam \\",
            "      --dynamodb-endpoint https://dynamodb.us-east-1.amazonaws.com"})
final class PipelineCommand implements Callable<Integer> {

    /** A batch failed past its retries, the consumer did not catch up, or a service could not be reached. */
    static final int EXIT_SERVICE_FAILED = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = "--payload", defaultValue = "telemetry", description = "orders or telemetry (default: ${DEFAULT-VALUE})")
    private PayloadKind payload;

    @Option(names = {"-n", "--concurrency"}, defaultValue = "5",
            description = "producer invocations per tick, each its own environment (default: ${DEFAULT-VALUE})")
    private int concurrency;

    @Option(names = "--tick", defaultValue = "1m", description = "time between ticks, like the schedule's rate (default: ${DEFAULT-VALUE})")
    private Duration tick;

    @Option(names = "--ticks", defaultValue = "1", description = "how many ticks to run (default: ${DEFAULT-VALUE})")
    private int ticks;

    @Option(names = "--run-seconds", defaultValue = "30", description = "each invocation's MAX_RUN_SEC (default: ${DEFAULT-VALUE})")
    private int runSeconds;

    @Option(names = "--producer-batch-size", defaultValue = "100", description = "producer BATCH_SIZE (default: ${DEFAULT-VALUE})")
    private int producerBatchSize;

    @Option(names = "--producer-batch-interval", defaultValue = "1s",
            description = "producer BATCH_INTERVAL_MS; 0s = full speed (default: ${DEFAULT-VALUE})")
    private Duration producerBatchInterval;

    @Option(names = "--devices", defaultValue = "10", description = "telemetry DEVICE_COUNT (default: ${DEFAULT-VALUE})")
    private int devices;

    @Option(names = "--items-format", defaultValue = "array", description = "orders' ORDER_ITEMS_FORMAT: array or string (default: ${DEFAULT-VALUE})")
    private ItemsFormat itemsFormat;

    @Option(names = "--topic", description = "topic (default: the payload's name)")
    private String topic;

    @Option(names = "--partitions", defaultValue = "3", description = "partitions of the topic if it is created (default: ${DEFAULT-VALUE})")
    private int partitions;

    @Option(names = "--brokers", defaultValue = "1",
            description = "brokers of the embedded Kafka cluster, 1-9; topics get replication factor min(3, N) and, from "
                + "3 brokers on, min.insync.replicas 2, as on MSK (default: ${DEFAULT-VALUE})")
    private int brokers;

    @Option(names = "--window-seconds", defaultValue = "10", description = "consumer WINDOW_SECONDS (default: ${DEFAULT-VALUE})")
    private int windowSeconds;

    @Option(names = "--batch-size", defaultValue = "100", description = "trigger BatchSize, 1-10000 (default: ${DEFAULT-VALUE})")
    private int batchSize;

    @Option(names = "--batching-window", defaultValue = "500ms",
            description = "trigger MaximumBatchingWindow (default: ${DEFAULT-VALUE})")
    private Duration batchingWindow;

    @Option(names = "--starting-position", defaultValue = "TRIM_HORIZON",
            description = "LATEST or TRIM_HORIZON (default: ${DEFAULT-VALUE})")
    private StartingPosition startingPosition;

    @Option(names = "--filter", paramLabel = "PATTERN",
            description = {"the mapping's FilterCriteria: a filter pattern on the record's value (EventBridge's pattern "
                + "language, as Lambda applies it); repeatable, up to 5, a record matching any is delivered, the others "
                + "are committed and never delivered, e.g.",
                "  --filter '{\"value\": {\"device_id\": [{\"numeric\": [\">=\", 3, \"<=\", 6]}]}}'"})
    private List<String> filters = new ArrayList<>();

    @Option(names = "--consumer-group", defaultValue = "msk-lambda-consumer", description = "trigger ConsumerGroupId (default: ${DEFAULT-VALUE})")
    private String consumerGroup;

    @Option(names = "--max-retries", defaultValue = "-1",
            description = "the mapping's MaximumRetryAttempts: retries of a failed batch, 0-10000, or -1 to retry it "
                + "until it succeeds, as the MSK trigger does by default (default: ${DEFAULT-VALUE})")
    private int maxRetries;

    @Option(names = "--seed", description = "fix every random choice (data, faults) for a reproducible run")
    private Long seed;

    @Option(names = "--bootstrap-servers", description = "a real Kafka cluster instead of the embedded one")
    private String bootstrapServers;

    @Option(names = "--auth", defaultValue = "iam", description = "iam, tls or none; the embedded brokers listen the same way, iam checking SigV4 "
            + "signatures against a made-up principal (default: ${DEFAULT-VALUE})")
    private AuthMode auth;

    @Option(names = "--dynamodb-endpoint", description = "a real DynamoDB endpoint instead of the embedded DynamoDB Local")
    private URI dynamodbEndpoint;

    @Option(names = "--aggregates-table", defaultValue = "msk-lambda-aggregates", description = "(default: ${DEFAULT-VALUE})")
    private String aggregatesTable;

    @Option(names = "--rejects-table", defaultValue = "msk-lambda-rejects", description = "(default: ${DEFAULT-VALUE})")
    private String rejectsTable;

    @Option(names = "--redeliver-every", defaultValue = "0",
            description = "fault: after every N batches, deliver committed records again with shifted boundaries")
    private int redeliverEvery;

    @Option(names = "--crash-every", defaultValue = "0",
            description = "fault: every N-th consumer invocation crashes after part of its writes")
    private int crashEvery;

    @Option(names = "--fault", paramLabel = "KIND@AT[/FOR]", converter = FaultConverter.class,
            description = {"fault on a schedule, times from the start of the producers; repeatable. KIND is one of:",
                "  broker-restart@AT: a rolling restart, each broker in turn, waiting for its partitions to be in sync",
                "  broker-kill@AT/FOR: the leader of partition 0 stopped hard for FOR, then started again",
                "  dynamodb-outage@AT/FOR: DynamoDB Local refuses connections for FOR, then serves its data again",
                "  dynamodb-throttle@AT/FOR: DynamoDB Local answers every request with a throttling error for FOR"})
    private List<FaultSpec> faults = new ArrayList<>();

    @Option(names = "--drain-timeout", defaultValue = "2m",
            description = "how long the consumer may take to catch up after the producers and the last fault "
                + "(default: ${DEFAULT-VALUE})")
    private Duration drainTimeout;

    @Option(names = {"-v", "--verbose"}, description = "print the functions' own log lines")
    private boolean verbose;

    @Override
    public Integer call() {
        PipelineOptions options = options();
        Pipeline pipeline = new Pipeline(options);
        try (InterruptHandler interrupts = InterruptHandler.install(pipeline::interrupt, spec.commandLine().getErr())) {
            return pipeline.run(spec.commandLine().getOut()).exitCode();
        } catch (IllegalStateException | KafkaException | SdkException e) {
            // a service that cannot be reached or used: one line, not a stack trace
            spec.commandLine().getErr().println("pipeline: " + e.getMessage());
            return EXIT_SERVICE_FAILED;
        }
    }

    private PipelineOptions options() {
        try {
            return new PipelineOptions(
                    new Workload(payload, concurrency, tick, ticks, runSeconds, producerBatchSize, producerBatchInterval,
                            devices, itemsFormat, seed),
                    new Services(topic != null ? topic : payload.name().toLowerCase(Locale.ROOT), partitions, brokers,
                            bootstrapServers, auth, dynamodbEndpoint, aggregatesTable, rejectsTable),
                    new Mapping(windowSeconds, batchSize, batchingWindow, startingPosition, consumerGroup, maxRetries)
                            .withFilters(filters),
                    new FaultPlan(faults, redeliverEvery, crashEvery),
                    drainTimeout, verbose);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
