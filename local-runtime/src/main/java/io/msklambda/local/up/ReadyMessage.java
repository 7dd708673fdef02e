package io.msklambda.local.up;

import io.msklambda.local.kafka.Listener;
import io.msklambda.local.stack.LocalStack;
import io.msklambda.producer.AuthMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code msk-local up} prints once it serves: where programs on this machine and in containers find Kafka and
 * DynamoDB Local, the tables and the topic, what a TLS or IAM client needs, and commands to try.
 *
 * <p>On Linux the {@code sam local invoke} commands carry {@code --add-host <docker host>:host-gateway}: Docker
 * Engine does not define {@code host.docker.internal} there, and Docker's {@code host-gateway} value maps it to the
 * host (https://docs.docker.com/reference/cli/docker/container/run/#add-host; SAM CLI passes the option on:
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-cli-command-reference-sam-local-invoke.html).
 * That address is the docker0 bridge's, which a listener on 127.0.0.1 does not serve, hence the {@code --bind} hint.
 */
public final class ReadyMessage {

    private static final String JAR = "java -jar local-runtime/target/msk-local.jar";

    private final UpOptions options;
    private final TemplateNames names;
    private final LocalStack stack;
    private final ClientFiles files;
    private final boolean linux;

    private ReadyMessage(UpOptions options, TemplateNames names, LocalStack stack, ClientFiles files, boolean linux) {
        this.options = options;
        this.names = names;
        this.stack = stack;
        this.files = files;
        this.linux = linux;
    }

    /**
     * The lines to print.
     *
     * @param startup how long the services took to start
     * @param linux   whether this machine runs Linux, where containers need {@code --add-host} and a wider bind
     */
    public static List<String> lines(
            UpOptions options,
            TemplateNames names,
            LocalStack stack,
            ClientFiles files,
            Duration startup,
            boolean linux) {
        ReadyMessage message = new ReadyMessage(options, names, stack, files, linux);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "up: ready in %.1f s; Ctrl-C or SIGTERM stops it and deletes its data",
                startup.toMillis() / 1000.0));
        lines.addAll(message.endpoints());
        lines.addAll(message.security());
        lines.add("  try:");
        lines.addAll(message.examples());
        lines.addAll(message.notes());
        return lines;
    }

    private List<String> endpoints() {
        String container = "http://" + options.dockerHost() + ":"
                + stack.dynamoDb().orElseThrow().endpoint().getPort();
        return List.of(
                "  Kafka, programs on this machine: " + stack.bootstrapServers() + " (" + Listener.of(options.auth())
                        + ")",
                "  Kafka, containers:               "
                        + stack.containerBootstrapServers().orElseThrow() + " (listening on " + options.bind() + ")",
                "  DynamoDB Local:                  "
                        + stack.dynamoDb().orElseThrow().endpoint() + ", containers: " + container,
                "  tables:                          " + names.aggregatesTable() + ", " + names.rejectsTable(),
                "  topic:                           " + names.topic() + ", " + options.partitions() + " partitions");
    }

    private List<String> security() {
        return switch (options.auth()) {
            case NONE -> List.of();
            case TLS ->
                List.of(
                        "  TLS: clients trust the brokers' certificate in "
                                + files.certificate().orElseThrow() + " (PEM, no password); Kafka client settings: "
                                + files.clientProperties().orElseThrow(),
                        "  functions (msk-local invoke --env-vars): " + assignments(files.functionVariables()));
            case IAM -> {
                List<String> lines = new ArrayList<>(List.of("  IAM: clients sign in as "
                        + stack.principal().orElseThrow().name() + " with the credentials of AWS "
                        + "profile " + ClientFiles.PROFILE + " in "
                        + files.clientEnvironment().get("AWS_SHARED_CREDENTIALS_FILE")
                        + ", for region " + stack.signingRegion().orElseThrow()));
                stack.principal(LocalStack.Client.PRODUCER)
                        .ifPresent(producer -> lines.add("  authorized by "
                                + stack.access().source() + "'s role policies on "
                                + stack.access().cluster() + ": profile "
                                + ClientFiles.PRODUCER_PROFILE + " signs in as " + producer.name() + ", profile "
                                + ClientFiles.CONSUMER_PROFILE + " as "
                                + stack.principal(LocalStack.Client.TRIGGER)
                                        .orElseThrow()
                                        .name() + "; profile " + ClientFiles.PROFILE
                                + " may do anything on this cluster"));
                lines.add("  Kafka client settings (aws-msk-iam-auth on the classpath): "
                        + files.clientProperties().orElseThrow());
                lines.add("  functions (msk-local invoke --env-vars): " + assignments(files.functionVariables()));
                yield lines;
            }
        };
    }

    private List<String> examples() {
        List<String> examples = new ArrayList<>();
        if (options.auth() == AuthMode.NONE) {
            String addHost = linux ? " --add-host " + options.dockerHost() + ":host-gateway" : "";
            examples.add("    sam build   # once, and after a change: sam local invoke runs .aws-sam/build");
            examples.add("    sam local invoke ConsumerFunction --env-vars events/env.json -e events/msk-orders.json"
                    + addHost);
            examples.add(
                    "    sam local invoke ProducerFunction --env-vars events/env.json -e events/scheduled-event.json"
                            + addHost);
            examples.add("    " + JAR + " invoke ProducerFunction --env-vars events/env-host.json -e "
                    + "events/scheduled-event.json");
        }
        // --producer.config, which Kafka 4.2 renamed --command-config, is what every version's tool takes
        String config = files.clientProperties()
                .map(path -> " --producer.config " + path)
                .orElse("");
        String environment = files.clientEnvironment().isEmpty() ? "" : assignments(files.clientEnvironment()) + " ";
        examples.add("    " + environment + "kafka-console-producer.sh --bootstrap-server " + stack.bootstrapServers()
                + " --topic " + names.topic() + config);
        return examples;
    }

    private List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (options.auth() != AuthMode.NONE) {
            notes.add(
                    "  sam local invoke: events/env.json needs --auth none (SAM passes a container only the variables "
                            + "template.yaml declares: neither this certificate nor these credentials)");
        }
        if (!defaultEndpoints()) {
            notes.add(
                    "  events/env.json and events/env-host.json name the default ports and host: give these endpoints "
                            + "in an --env-vars file of your own");
        }
        if (linux && options.bind().equals(UpOptions.DEFAULT_BIND)) {
            notes.add("  Docker Engine on Linux: containers reach this machine at the docker0 bridge, not 127.0.0.1; "
                    + "serve them with --bind 0.0.0.0 (or the bridge's address, e.g. 172.17.0.1)");
        }
        return notes;
    }

    private boolean defaultEndpoints() {
        return options.kafkaPort() == UpOptions.DEFAULT_KAFKA_PORT
                && options.dockerPort() == UpOptions.DEFAULT_DOCKER_PORT
                && options.dynamoDbPort() == UpOptions.DEFAULT_DYNAMODB_PORT
                && options.dockerHost().equals(UpOptions.DEFAULT_DOCKER_HOST);
    }

    private static String assignments(Map<String, String> variables) {
        return variables.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
