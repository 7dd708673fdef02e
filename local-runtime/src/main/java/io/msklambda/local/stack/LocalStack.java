package io.msklambda.local.stack;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import io.msklambda.consumer.ConsumerSettings;
import io.msklambda.consumer.DynamoDbClients;
import io.msklambda.local.dynamodb.EmbeddedDynamoDb;
import io.msklambda.local.dynamodb.Tables;
import io.msklambda.local.kafka.EmbeddedKafka;
import io.msklambda.local.kafka.ExternalListener;
import io.msklambda.local.kafka.Listener;
import io.msklambda.local.kafka.iam.LocalPrincipal;
import io.msklambda.local.kafka.iam.SigningRegion;
import io.msklambda.local.kafka.iam.StaticIamCredentials;
import io.msklambda.local.pipeline.Services;
import io.msklambda.model.ConfigSource;
import io.msklambda.producer.AuthMode;
import io.msklambda.producer.KafkaProperties;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The services a run talks to, started once and closed in reverse order: a Kafka cluster (embedded, N brokers,
 * listening the way the clients authenticate; or a real one) with the topic, and DynamoDB (embedded DynamoDB Local,
 * or a real endpoint) with the consumer's tables.
 *
 * <p>On the embedded cluster with {@code iam}, the brokers check SigV4 against a principal made up here; the
 * clients in this JVM get its credentials through {@link StaticIamCredentials} rather than the process's AWS
 * credentials (which a real DynamoDB endpoint still needs), and sign for the {@link SigningRegion}.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final String LOCAL_ARN = "arn:aws:kafka:us-east-1:000000000000:cluster/local/"
        + "00000000-0000-0000-0000-000000000000-1";

    private final Closer resources = new Closer();
    private final Map<String, Object> clientProperties = new HashMap<>();
    private EmbeddedKafka kafka;
    private EmbeddedDynamoDb dynamoDb;
    private DynamoDbClient dynamo;
    private String bootstrapServers;
    private String containerBootstrapServers;
    private LocalPrincipal principal;
    private String signingRegion;

    private LocalStack() {
    }

    /**
     * Starts (or connects to) both services, creates the topic if it is missing and the tables that are, and prints
     * one line for each service.
     */
    public static LocalStack start(Services services, PrintWriter out) {
        return start(services, Exposure.LOOPBACK, out);
    }

    /** The same, with the embedded services listening where {@code exposure} says. */
    public static LocalStack start(Services services, Exposure exposure, PrintWriter out) {
        LocalStack stack = new LocalStack();
        try {
            stack.startKafka(services, exposure, out);
            stack.startDynamoDb(services, exposure, out);
            try {
                Tables.ensureBoth(stack.dynamo, services.aggregatesTable(), services.rejectsTable());
            } catch (SdkException e) {
                throw new IllegalStateException((services.embeddedDynamoDb() ? "DynamoDB Local"
                    : "--dynamodb-endpoint " + services.dynamodbEndpoint()) + ": cannot create or find the tables "
                    + services.aggregatesTable() + " and " + services.rejectsTable() + ": " + e.getMessage(), e);
            }
            return stack;
        } catch (RuntimeException e) {
            try {
                stack.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The brokers' addresses on the listener the clients use. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * The brokers' addresses on the listener for containers, which advertises the {@link Exposure#containerHost()}:
     * empty without that listener.
     */
    public Optional<String> containerBootstrapServers() {
        return Optional.ofNullable(containerBootstrapServers);
    }

    /** The principal the embedded cluster's IAM listener lets in, made up at start; empty unless it has one. */
    public Optional<LocalPrincipal> principal() {
        return Optional.ofNullable(principal);
    }

    /** The region IAM clients sign for; empty unless the embedded cluster has an IAM listener. */
    public Optional<String> signingRegion() {
        return Optional.ofNullable(signingRegion);
    }

    /** A Kafka client's properties for this cluster: authentication, and trust and credentials when embedded. */
    public Map<String, Object> clientProperties() {
        return Map.copyOf(clientProperties);
    }

    /** The embedded cluster, if the run has it. */
    public Optional<EmbeddedKafka> kafka() {
        return Optional.ofNullable(kafka);
    }

    /** The embedded DynamoDB Local, if the run has it. */
    public Optional<EmbeddedDynamoDb> dynamoDb() {
        return Optional.ofNullable(dynamoDb);
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    /** The cluster ARN the trigger's events carry: a made-up one for the embedded cluster, none for a real one. */
    public String eventSourceArn() {
        return kafka == null ? null : LOCAL_ARN;
    }

    /** Closes what was started, last first; the first failure is thrown with the others suppressed. */
    @Override
    public void close() {
        resources.close();
    }

    private void startKafka(Services services, Exposure exposure, PrintWriter out) {
        clientProperties.putAll(KafkaProperties.authentication(services.auth()));
        if (!services.embeddedKafka()) {
            bootstrapServers = services.bootstrapServers();
            createTopicIfMissing(services);
            return;
        }
        Listener listener = Listener.of(services.auth());
        if (listener == Listener.IAM) {
            SigningRegion signing = SigningRegion.resolve();
            resources.add(signing);
            signingRegion = signing.region();
            principal = LocalPrincipal.generate("arn:aws:iam::000000000000:user/msk-local");
        }
        kafka = startCluster(services, exposure, listener);
        resources.add(kafka);
        kafka.createTopic(services.topic(), services.partitions());
        bootstrapServers = kafka.bootstrapServers(listener);
        if (exposure.containerHost() != null) {
            containerBootstrapServers = kafka.externalBootstrapServers();
        }
        clientProperties.putAll(kafka.trustProperties());
        if (principal != null) {
            clientProperties.putAll(StaticIamCredentials.clientProperties(principal));
        }
        out.printf("embedded Kafka cluster (KRaft, %d broker%s) at %s (%s%s), topic %s with %d partitions, "
                + "replication factor %d, min.insync.replicas %d%n",
            services.brokers(), services.brokers() == 1 ? "" : "s", bootstrapServers, listener,
            principal != null ? ", signing in as " + principal.name() : "", services.topic(),
            services.partitions(), kafka.replicationFactor(), kafka.minInSyncReplicas());
        if (containerBootstrapServers != null) {
            out.printf("  for containers at %s (listening on %s)%n", containerBootstrapServers, exposure.bindAddress());
        }
        out.printf("  data in %s (deleted at the end, Ctrl-C included)%n", kafka.dataDirectory());
    }

    private EmbeddedKafka startCluster(Services services, Exposure exposure, Listener listener) {
        EmbeddedKafka.Builder builder = EmbeddedKafka.builder().brokers(services.brokers())
            .listener(listener, signingRegion, principal)
            .port(listener, exposure.kafkaPort());
        if (exposure.containerHost() != null) {
            builder.external(new ExternalListener(listener, exposure.containerHost(), exposure.bindAddress(),
                exposure.containerPort()));
        }
        return builder.start();
    }

    private void startDynamoDb(Services services, Exposure exposure, PrintWriter out) {
        if (!services.embeddedDynamoDb()) {
            dynamo = DynamoDbClients.create(new ConsumerSettings(services.aggregatesTable(), services.rejectsTable(),
                Duration.ofSeconds(1), ConfigSource.environment().string(ConsumerSettings.AWS_REGION,
                EmbeddedDynamoDb.REGION), Optional.of(services.dynamodbEndpoint())));
            resources.add(dynamo);
            return;
        }
        dynamoDb = EmbeddedDynamoDb.start(exposure.bindAddress(), exposure.dynamoDbPort());
        resources.add(dynamoDb);
        dynamo = dynamoDb.client();
        resources.add(dynamo);
        out.printf("embedded DynamoDB Local at %s, tables %s and %s%n", dynamoDb.endpoint(),
            services.aggregatesTable(), services.rejectsTable());
    }

    private void createTopicIfMissing(Services services) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // the whole call, retries included, within the time this says it waited (the client's default is 60 s)
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        Admin admin = Admin.create(config);
        try {
            admin.createTopics(List.of(new NewTopic(services.topic(), Optional.of(services.partitions()),
                Optional.empty()))).all().get(ADMIN_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(services);
            }
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + services.topic() + " on --bootstrap-servers "
                    + bootstrapServers + ": " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw unreachable(services);
        } finally {
            admin.close(Duration.ZERO); // nothing of ours is pending; do not wait for an unreachable cluster
        }
    }

    private IllegalStateException unreachable(Services services) {
        return new IllegalStateException("--bootstrap-servers " + bootstrapServers + " did not answer within "
            + ADMIN_TIMEOUT.toSeconds() + " s (" + services.auth().name().toLowerCase(java.util.Locale.ROOT)
            + " authentication)");
    }
}
