package io.msklambda.local.cli;

import io.msklambda.local.kafka.authz.IamPolicy;
import io.msklambda.local.kafka.iam.LocalPrincipal;
import io.msklambda.local.pipeline.AccessReport;
import io.msklambda.local.pipeline.ExitCode;
import io.msklambda.local.stack.Closer;
import io.msklambda.local.stack.ClusterAccess;
import io.msklambda.local.stack.LocalStack;
import io.msklambda.local.up.ClientFiles;
import io.msklambda.local.up.PortClaim;
import io.msklambda.local.up.ReadyMessage;
import io.msklambda.local.up.TemplateNames;
import io.msklambda.local.up.UpOptions;
import io.msklambda.producer.AuthMode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.SslConfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/** {@code msk-local up}: the services alone, on fixed ports, for {@code sam local invoke} and any other client. */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Starts the embedded Kafka cluster and DynamoDB Local on fixed ports, with template.yaml's topic and tables, "
                    + "prints where they are and serves them until Ctrl-C or SIGTERM, so that `sam local invoke --env-vars "
                    + "events/env.json`, your own programs and Kafka's console tools can use them.",
            "Each broker has two listeners: one on 127.0.0.1 for programs on this machine, and one for containers, which "
                    + "advertises --docker-host (a Kafka client connects to the address the broker advertises: a container "
                    + "told 127.0.0.1 would connect to itself). Broker i listens on --kafka-port + i - 1 and --docker-port + "
                    + "i - 1.",
            "Exit code: 130 once stopped by Ctrl-C or SIGTERM, everything closed and its data deleted; 2 for a bad "
                    + "option, a port in use or a service that did not start."
        },
        footer = {
            "",
            "Examples:",
            "  msk-local up                  # then, in another terminal:",
            "  sam local invoke ConsumerFunction --env-vars events/env.json \\",
            "      -e events/msk-orders.json",
            "  msk-local up --bind 0.0.0.0   # Docker Engine on Linux, then:",
            "  sam local invoke ConsumerFunction --env-vars events/env.json \\",
            "      -e events/msk-orders.json --add-host host.docker.internal:host-gateway",
            "  msk-local up --brokers 3 --docker-port 9095   # 9092-9094, 9095-9097",
            "  msk-local up --auth tls --parameter-overrides TopicName=orders"
        })
final class UpCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--kafka-port",
            defaultValue = "" + UpOptions.DEFAULT_KAFKA_PORT,
            description = "broker i's listener for programs on this machine, on 127.0.0.1, is on this port + i - 1; "
                    + "0 = ports the OS chooses (default: ${DEFAULT-VALUE})")
    private int kafkaPort;

    @Option(
            names = "--docker-port",
            defaultValue = "" + UpOptions.DEFAULT_DOCKER_PORT,
            description = "broker i's listener for containers is on this port + i - 1, on --bind, advertised as "
                    + "--docker-host; 0 = ports the OS chooses (default: ${DEFAULT-VALUE})")
    private int dockerPort;

    @Option(
            names = "--dynamodb-port",
            defaultValue = "" + UpOptions.DEFAULT_DYNAMODB_PORT,
            description = "DynamoDB Local's port, on --bind; 0 = one the OS chooses (default: ${DEFAULT-VALUE})")
    private int dynamoDbPort;

    @Option(
            names = "--bind",
            defaultValue = UpOptions.DEFAULT_BIND,
            description = {
                "the address the containers' listener and DynamoDB Local listen on (default: ${DEFAULT-VALUE},"
                        + " which Docker Desktop's containers reach); Docker Engine on Linux reaches this machine at the docker0 "
                        + "bridge: 0.0.0.0 (every interface, your network included) or the bridge's address, e.g. 172.17.0.1"
            })
    private String bind;

    @Option(
            names = "--docker-host",
            defaultValue = UpOptions.DEFAULT_DOCKER_HOST,
            description = "the name containers reach this machine by (Podman: host.containers.internal) "
                    + "(default: ${DEFAULT-VALUE})")
    private String dockerHost;

    @Option(
            names = "--auth",
            defaultValue = "none",
            description = "none, tls or iam: how clients connect, as the functions' AUTH_MODE; for tls and iam it "
                    + "prints where the certificate, client settings and credentials are (default: ${DEFAULT-VALUE})")
    private AuthMode auth;

    @Option(
            names = "--authorization",
            paramLabel = "on|off|report",
            description = "with --auth iam: authorize requests by the template's role policies, as MSK's IAM access "
                    + "control does; the functions' profile signs in as the producer's role, yours may do anything (on); "
                    + "off for experiments; report: on, and list at the end the granted kafka-cluster actions no request "
                    + "needed (default: on with --auth iam and a template)")
    private ClusterAccess.Mode authorization;

    @Mixin
    private RolePolicyFiles rolePolicies;

    @Option(
            names = "--brokers",
            defaultValue = "1",
            description =
                    "brokers of the cluster, 1-9; topics get replication factor min(3, N) and, from 3 brokers on, "
                            + "min.insync.replicas 2, as on MSK; from 3, --docker-port must move up too (default: ${DEFAULT-VALUE})")
    private int brokers;

    @Option(
            names = "--partitions",
            defaultValue = "3",
            description = "partitions of the topic (default: ${DEFAULT-VALUE})")
    private int partitions;

    @Option(
            names = {"-t", "--template"},
            defaultValue = "template.yaml",
            description = "where the topic (the producer's TOPIC_NAME) and the tables (the consumer's AGGREGATES_TABLE "
                    + "and REJECTS_TABLE) are named, as sam local invoke resolves them (default: ${DEFAULT-VALUE})")
    private Path template;

    /** Read by {@link MskLocal} before the command runs, to set the services' log levels. */
    @Option(
            names = {"-v", "--verbose"},
            description = "print the services' own log lines (the Kafka brokers', "
                    + "DynamoDB Local's), which are left out by default")
    private boolean verbose;

    @Option(
            names = "--parameter-overrides",
            arity = "1..*",
            description = "Key=Value pairs (or ParameterKey=K,ParameterValue=V) for the template's parameters, e.g. "
                    + "TopicName=orders")
    private List<String> parameterOverrides = new ArrayList<>();

    @Override
    public Integer call() {
        UpOptions options = options();
        TemplateNames names = names();
        ClusterAccess access = access(options);
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch stop = new CountDownLatch(1);
        try {
            PortClaim.requireFree(options.claims());
        } catch (IllegalStateException e) {
            // a port in use: the option must name another, as for any bad option
            err.println("up: " + e.getMessage());
            return ExitCode.USAGE;
        }
        try (InterruptHandler interrupts = InterruptHandler.install(stop::countDown, err)) {
            return serve(options, names, access, stop);
        } catch (IllegalStateException | KafkaException | SdkException | UncheckedIOException e) {
            // a service that did not start: one line, not a stack trace
            err.println("up: " + e.getMessage());
            return ExitCode.SERVICE_FAILED;
        }
    }

    /** Starts the services, prints where they are, waits for the signal, then closes them, last started first. */
    private int serve(UpOptions options, TemplateNames names, ClusterAccess access, CountDownLatch stop) {
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        Closer closer = new Closer();
        try {
            LocalStack stack = closer.add(LocalStack.start(options.services(names), options.exposure(), access, out));
            ClientFiles files = closer.add(clientFiles(options, stack));
            ReadyMessage.lines(options, names, stack, files, Duration.ofNanos(System.nanoTime() - started), linux())
                    .forEach(out::println);
            out.flush();
            awaitStop(stop);
            out.println("up: stopping");
            AccessReport.of(stack).print(out);
        } finally {
            close(closer, spec.commandLine().getErr());
        }
        out.println("up: stopped; its data is deleted");
        return ExitCode.INTERRUPTED;
    }

    /**
     * Waits for the signal. An interrupt of this thread is a request to stop as well; its flag is left clear, so that
     * an interrupt does not cut the closing short.
     */
    private static void awaitStop(CountDownLatch stop) {
        try {
            stop.await();
        } catch (InterruptedException e) {
            // stopping is what was asked
        }
    }

    private static ClientFiles clientFiles(UpOptions options, LocalStack stack) {
        String certificate =
                stack.kafka().orElseThrow().trustProperties().get(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG);
        Map<String, LocalPrincipal> profiles = new LinkedHashMap<>();
        stack.principal().ifPresent(principal -> profiles.put(ClientFiles.PROFILE, principal));
        stack.principal(LocalStack.Client.PRODUCER)
                .ifPresent(principal -> profiles.put(ClientFiles.PRODUCER_PROFILE, principal));
        stack.principal(LocalStack.Client.TRIGGER)
                .ifPresent(principal -> profiles.put(ClientFiles.CONSUMER_PROFILE, principal));
        return ClientFiles.write(
                options.auth(), certificate, profiles, stack.signingRegion().orElse(null));
    }

    /** A part that fails to close is reported; the others are closed all the same ({@link Closer}). */
    private static void close(Closer closer, PrintWriter err) {
        try {
            closer.close();
        } catch (RuntimeException e) {
            err.println("up: while closing: " + e);
            for (Throwable suppressed : e.getSuppressed()) {
                err.println("  and: " + suppressed);
            }
        }
    }

    private static boolean linux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    }

    private UpOptions options() {
        try {
            return new UpOptions(kafkaPort, dockerPort, dynamoDbPort, bind, dockerHost, auth, brokers, partitions);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /**
     * Authorization by the template's role policies with {@code --auth iam}, as pipeline has it; null for none. Asked
     * for where it cannot apply, it is refused.
     */
    private ClusterAccess access(UpOptions options) {
        String unavailable = options.auth() != AuthMode.IAM
                ? "IAM access control applies to --auth iam"
                : !Files.isRegularFile(template)
                        ? "no template at " + template + ": no role policies to authorize by"
                        : null;
        if (unavailable != null && authorization != null && authorization != ClusterAccess.Mode.OFF) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--authorization " + authorization + " cannot apply here (" + unavailable + ")");
        }
        if (unavailable != null || authorization == ClusterAccess.Mode.OFF) {
            return null;
        }
        Map<String, List<IamPolicy>> external;
        try {
            external = rolePolicies.read();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try {
            return TemplateSettings.read(template, ParameterOverrides.parse(parameterOverrides), null)
                    .access(authorization == null ? ClusterAccess.Mode.ON : authorization, external);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(), template + ": " + e.getMessage() + " (or run with --authorization off)", e);
        }
    }

    private TemplateNames names() {
        try {
            return TemplateNames.of(template, ParameterOverrides.parse(parameterOverrides));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
