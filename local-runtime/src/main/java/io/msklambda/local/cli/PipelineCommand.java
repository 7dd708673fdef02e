package io.msklambda.local.cli;

import io.msklambda.local.pipeline.ExitCode;
import io.msklambda.local.pipeline.Pipeline;
import io.msklambda.local.pipeline.PipelineOptions;
import io.msklambda.local.stack.ClusterAccess;
import io.msklambda.local.stack.Endpoints;
import io.msklambda.local.stack.Services;
import io.msklambda.model.ItemsFormat;
import io.msklambda.producer.AuthMode;
import io.msklambda.producer.PayloadKind;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/** {@code msk-local pipeline}: producers, trigger and consumer end to end, then the windows and a reconciliation. */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        abbreviateSynopsis = true,
        description = {
            "Runs the whole flow: every tick, N concurrent producer invocations publish to Kafka; the MSK trigger "
                    + "emulator delivers batches to the consumer, which writes windowed averages to DynamoDB.",
            "Then prints the latest windows and reconciles the records the producers had acknowledged with those "
                    + "the trigger delivered and those the consumer stored.",
            "Settings come from template.yaml (the schedule, the functions, the MSK event) unless a flag overrides them.",
            "Exit code: 0 when they agree, 1 when they do not (records discarded by the mapping included), 2 for a "
                    + "bad option or template or when the cluster's IAM access control refused a function, 3 when a "
                    + "service could not be reached, the trigger stopped on an error or the consumer did not catch up "
                    + "within the drain timeout, 130 when interrupted (Ctrl-C or SIGTERM)."
        },
        footer = {
            "",
            "Examples:",
            "  msk-local pipeline                      # what template.yaml declares, embedded services",
            "  msk-local pipeline --dry-run --parameter-overrides ProducerConcurrency=3",
            "  msk-local pipeline --payload orders --ticks 3 --tick 20s --run-seconds 15",
            "  msk-local pipeline --payload-spec producer-function/specs/clickstream.json   # your own records",
            "  msk-local pipeline --redeliver-every 5 --crash-every 7   # with redeliveries and crashes",
            "  msk-local pipeline --brokers 3 --fault broker-kill@10s/10s --fault dynamodb-outage@15s/10s",
            "  msk-local pipeline --brokers 3 --fault broker-restart@5s --run-seconds 60   # MSK's patching",
            "  msk-local pipeline --authorization report   # which granted kafka-cluster actions no request needed",
            "  msk-local pipeline --pollers 1-3 --max-retries 2 --bisect --on-failure kafka://failures \\",
            "      --poison '{\"value\": {\"device_id\": [3]}}'     # a poison record, given up",
            "  msk-local pipeline --bootstrap-servers b-1.example:9098 --auth iam \\",
            "      --dynamodb-endpoint https://dynamodb.us-east-1.amazonaws.com"
        })
final class PipelineCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--payload",
            description = "orders, telemetry or custom (default: custom with --payload-spec, else the template's "
                    + "PAYLOAD, else telemetry)")
    PayloadKind payload;

    @Option(
            names = "--payload-spec",
            paramLabel = "FILE",
            description = "generate the records this spec describes (PAYLOAD=custom, PAYLOAD_SPEC); its observe block "
                    + "gives the consumer SERIES_FIELD, VALUE_FIELD, TIME_FIELD and TIME_FORMAT (README \"Custom "
                    + "payloads\"; default: the template's PayloadSpec when PAYLOAD is custom)")
    Path payloadSpec;

    @Option(
            names = {"-n", "--concurrency"},
            description = "producer invocations per tick, each its own environment (default: the template's schedule "
                    + "targets, else 5)")
    Integer concurrency;

    @Option(names = "--tick", description = "time between ticks (default: the template's rate(...), else 1m)")
    Duration tick;

    @Option(names = "--ticks", defaultValue = "1", description = "how many ticks to run (default: ${DEFAULT-VALUE})")
    int ticks;

    @Option(names = "--run-seconds", description = "each invocation's MAX_RUN_SEC (default: the template's, else 30)")
    Integer runSeconds;

    @Option(names = "--producer-batch-size", description = "producer BATCH_SIZE (default: the template's, else 100)")
    Integer producerBatchSize;

    @Option(
            names = "--producer-batch-interval",
            description = "producer BATCH_INTERVAL_MS; 0s = full speed (default: the template's, else 1s)")
    Duration producerBatchInterval;

    @Option(names = "--devices", description = "telemetry DEVICE_COUNT (default: the template's, else 10)")
    Integer devices;

    @Option(
            names = "--items-format",
            description = "orders' ORDER_ITEMS_FORMAT: array or string (default: the template's, else array)")
    ItemsFormat itemsFormat;

    @Option(names = "--topic", description = "topic (default: the template's TOPIC_NAME, else the payload's name)")
    String topic;

    @Option(
            names = "--partitions",
            defaultValue = "3",
            description = "partitions of the topic if it is created (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(
            names = "--brokers",
            defaultValue = "1",
            description =
                    "brokers of the embedded Kafka cluster, 1-9; topics get replication factor min(3, N) and, from "
                            + "3 brokers on, min.insync.replicas 2, as on MSK (default: ${DEFAULT-VALUE})")
    int brokers;

    @Mixin
    MappingOptions mapping;

    @Option(names = "--seed", description = "fix every random choice (data, faults) for a reproducible run")
    Long seed;

    @Option(names = "--bootstrap-servers", description = "a real Kafka cluster instead of the embedded one")
    String bootstrapServers;

    @Option(
            names = "--auth",
            defaultValue = "iam",
            description = "iam, tls or none; the embedded brokers listen the same way, iam checking SigV4 "
                    + "signatures against made-up principals (default: ${DEFAULT-VALUE})")
    AuthMode auth;

    @Option(
            names = "--authorization",
            paramLabel = "on|off|report",
            description = "with --auth iam on the embedded cluster: authorize every request against the template's "
                    + "role policies, as MSK's IAM access control does (on); off for experiments; report: on, and list each "
                    + "role's granted kafka-cluster actions that no request needed (default: on when the template has the "
                    + "roles, else off)")
    ClusterAccess.Mode authorization;

    @Mixin
    RolePolicyFiles rolePolicies;

    @Option(
            names = "--dynamodb-endpoint",
            description = "a real DynamoDB endpoint instead of the embedded DynamoDB Local")
    URI dynamodbEndpoint;

    @Option(
            names = "--aggregates-table",
            defaultValue = "msk-lambda-aggregates",
            description = "(default: ${DEFAULT-VALUE})")
    String aggregatesTable;

    @Option(names = "--rejects-table", defaultValue = "msk-lambda-rejects", description = "(default: ${DEFAULT-VALUE})")
    String rejectsTable;

    @Mixin
    FaultOptions faults;

    @Option(
            names = "--drain-timeout",
            defaultValue = "2m",
            description = "how long the consumer may take to catch up after the producers and the last fault "
                    + "(default: ${DEFAULT-VALUE})")
    Duration drainTimeout;

    @Option(
            names = {"-t", "--template"},
            description = "the SAM template whose functions, schedule and MSK event the run follows (default: "
                    + "template.yaml when there is one here; flags override it)")
    Path template;

    @Option(
            names = "--parameter-overrides",
            arity = "1..*",
            paramLabel = "Key=Value",
            description = "the template's parameters, as sam deploy takes them")
    List<String> parameterOverrides = new ArrayList<>();

    @Option(
            names = "--env-vars",
            paramLabel = "FILE",
            description = "JSON of function variables over the template's, as sam local invoke takes it")
    Path envVars;

    @Option(
            names = {"-v", "--verbose"},
            description = "print the functions' own log lines, and the services' (the "
                    + "Kafka brokers' and clients' warnings, DynamoDB Local's), which are left out by default")
    boolean verbose;

    @Option(
            names = "--dry-run",
            description = "print the settings the run would take, and where each comes from, and start nothing")
    boolean dryRun;

    @Override
    public Integer call() {
        PipelineSettings settings;
        PipelineOptions options;
        try {
            settings = new PipelineSettings(this);
            options = settings.options();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        } catch (RuntimeException e) {
            // a template that cannot be read (YAML syntax, I/O): one line, as for any bad option
            throw new ParameterException(spec.commandLine(), "--template: " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        settings.printHeader(out, dryRun);
        if (dryRun) {
            return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        try {
            requireEndpoints(options.services());
        } catch (Endpoints.UnreachableException e) {
            err.println("pipeline: " + e.getMessage());
            return ExitCode.SERVICE_FAILED;
        } catch (IllegalArgumentException e) {
            err.println("pipeline: " + e.getMessage());
            return ExitCode.USAGE;
        }
        Pipeline pipeline = new Pipeline(options);
        try (InterruptHandler interrupts =
                InterruptHandler.install(pipeline::interrupt, spec.commandLine().getErr())) {
            return pipeline.run(out).exitCode();
        } catch (IllegalStateException | KafkaException | SdkException | java.io.UncheckedIOException e) {
            // a service that cannot be reached or used: one line, not a stack trace
            err.println("pipeline: " + e.getMessage());
            return pipeline.accessRefused() ? ExitCode.USAGE : ExitCode.SERVICE_FAILED;
        }
    }

    /** The real endpoints answer, and there are credentials for a real DynamoDB, before anything starts. */
    private static void requireEndpoints(Services services) {
        if (!services.embeddedDynamoDb()) {
            String named = "--dynamodb-endpoint " + services.dynamodbEndpoint();
            Endpoints.requireCredentials(named);
            Endpoints.requireDynamoDb(named, services.dynamodbEndpoint());
        }
        if (!services.embeddedKafka()) {
            Endpoints.requireBroker("--bootstrap-servers " + services.bootstrapServers(), services.bootstrapServers());
        }
    }
}
