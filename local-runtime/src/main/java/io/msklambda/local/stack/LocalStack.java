package io.msklambda.local.stack;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import io.msklambda.local.kafka.EmbeddedKafkaBuilder;
import io.msklambda.local.kafka.ExternalListener;
import io.msklambda.local.kafka.Listener;
import io.msklambda.local.kafka.authz.Authorization;
import io.msklambda.local.kafka.authz.ClusterArn;
import io.msklambda.local.kafka.authz.IamPolicy;
import io.msklambda.local.kafka.iam.LocalPrincipal;
import io.msklambda.local.kafka.iam.SigningRegion;
import io.msklambda.local.kafka.iam.StaticIamCredentials;
import io.msklambda.local.sam.SamTemplate;
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
 * <p>On the embedded cluster with {@code iam}, the brokers check SigV4 against principals made up here: with
 * {@link ClusterAccess authorization}, one for the producer, one for the trigger and one for the run itself (the
 * {@link Client}s), each allowed what its policies allow; without, one that may do anything. The clients in this JVM
 * get their credentials through {@link StaticIamCredentials} rather than the process's AWS credentials (which a real
 * DynamoDB endpoint still needs), and sign for the {@link SigningRegion}.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    /** The name of whoever else signs in: the run itself, reading the topic back, and the user's tools under `up`. */
    private static final String OPERATOR = "arn:aws:iam::" + SamTemplate.LOCAL_ACCOUNT + ":user/msk-local";

    /** Who a Kafka client of the run signs in as, on an embedded cluster that authorizes requests. */
    public enum Client {
        /** The producer functions: a session of their role. */
        PRODUCER,
        /** The trigger's pollers and its Kafka on-failure destination: a session of the consumer's role. */
        TRIGGER,
        /** The run itself and the user's tools: every kafka-cluster action on this cluster. */
        OPERATOR
    }

    private final Closer resources = new Closer();
    private final Map<String, Object> clientProperties = new HashMap<>();
    private final Map<Client, LocalPrincipal> principals = new EnumMap<>(Client.class);
    private final ClusterAccess access;
    private Authorization authorization;
    private EmbeddedKafka kafka;
    private EmbeddedDynamoDb dynamoDb;
    private DynamoDbClient dynamo;
    private String bootstrapServers;
    private String containerBootstrapServers;
    private String signingRegion;

    private LocalStack(ClusterAccess access) {
        this.access = access;
    }

    /**
     * Starts (or connects to) both services, creates the topic if it is missing and the tables that are, and prints
     * one line for each service.
     */
    public static LocalStack start(Services services, PrintWriter out) {
        return start(services, Exposure.LOOPBACK, null, out);
    }

    /**
     * The same, with the embedded services listening where {@code exposure} says, and an embedded IAM listener
     * authorizing as {@code access} says (null: no authorization, on a cluster of a made-up ARN).
     */
    public static LocalStack start(Services services, Exposure exposure, ClusterAccess access, PrintWriter out) {
        LocalStack stack = new LocalStack(access != null ? access
            : ClusterAccess.off(SamTemplate.localCluster(), "not asked for"));
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

    /**
     * The principal the embedded cluster's IAM listener lets in for the user's own clients, made up at start; empty
     * unless it has one.
     */
    public Optional<LocalPrincipal> principal() {
        return principal(Client.OPERATOR);
    }

    /** The principal {@code client} signs in as on the embedded IAM listener; empty unless it has one. */
    public Optional<LocalPrincipal> principal(Client client) {
        return Optional.ofNullable(principals.get(client));
    }

    /** The embedded cluster's IAM access control, with what it decided so far; empty when it authorizes nothing. */
    public Optional<Authorization> authorization() {
        return Optional.ofNullable(authorization);
    }

    /** Who may do what on the cluster, as the run was started. */
    public ClusterAccess access() {
        return access;
    }

    /** The region IAM clients sign for; empty unless the embedded cluster has an IAM listener. */
    public Optional<String> signingRegion() {
        return Optional.ofNullable(signingRegion);
    }

    /** A Kafka client's properties for this cluster: authentication, and trust and credentials when embedded. */
    public Map<String, Object> clientProperties() {
        return clientProperties(Client.OPERATOR);
    }

    /**
     * The properties of a client that signs in as {@code client}: the same for every client unless the embedded
     * cluster authorizes requests, where each signs in as its own principal.
     */
    public Map<String, Object> clientProperties(Client client) {
        Map<String, Object> properties = new HashMap<>(clientProperties);
        LocalPrincipal principal = principals.getOrDefault(client, principals.get(Client.OPERATOR));
        if (principal != null) {
            properties.putAll(StaticIamCredentials.clientProperties(principal));
        }
        return Map.copyOf(properties);
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

    /** The cluster ARN the trigger's events carry: the embedded cluster's, none for a real one. */
    public String eventSourceArn() {
        return kafka == null ? null : access.cluster().cluster();
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
            principals.put(Client.OPERATOR, LocalPrincipal.generate(OPERATOR));
            if (access.authorizes()) {
                principals.put(Client.PRODUCER, LocalPrincipal.generate(access.producer().principal()));
                principals.put(Client.TRIGGER, LocalPrincipal.generate(access.consumer().principal()));
                authorization = new Authorization(access.cluster(), policies());
            }
        }
        kafka = startCluster(services, exposure, listener);
        resources.add(kafka);
        kafka.createTopic(services.topic(), services.partitions());
        bootstrapServers = kafka.bootstrapServers(listener);
        if (exposure.containerHost() != null) {
            containerBootstrapServers = kafka.externalBootstrapServers();
        }
        clientProperties.putAll(kafka.trustProperties());
        out.printf("embedded Kafka cluster (KRaft, %d broker%s) at %s (%s), topic %s with %d partitions, "
                + "replication factor %d, min.insync.replicas %d%n",
            services.brokers(), services.brokers() == 1 ? "" : "s", bootstrapServers, listener, services.topic(),
            services.partitions(), kafka.replicationFactor(), kafka.minInSyncReplicas());
        if (listener == Listener.IAM) {
            out.printf("  IAM access control %s%n  other clients (the run itself, your tools) sign in as %s%n", access.describe(),
                OPERATOR);
        }
        if (containerBootstrapServers != null) {
            out.printf("  for containers at %s (listening on %s)%n", containerBootstrapServers, exposure.bindAddress());
        }
        out.printf("  data in %s (deleted at the end, Ctrl-C included)%n", kafka.dataDirectory());
    }

    private EmbeddedKafka startCluster(Services services, Exposure exposure, Listener listener) {
        EmbeddedKafkaBuilder builder = EmbeddedKafka.builder().brokers(services.brokers());
        if (listener == Listener.IAM) {
            builder.iam(signingRegion, principals.values().toArray(LocalPrincipal[]::new));
        } else {
            builder.listener(listener, null, null);
        }
        builder.port(listener, exposure.kafkaPort());
        if (authorization != null) {
            builder.authorization(authorization);
        }
        if (exposure.containerHost() != null) {
            builder.external(new ExternalListener(listener, exposure.containerHost(), exposure.bindAddress(),
                exposure.containerPort()));
        }
        return builder.start();
    }

    /**
     * Each principal's policies: the roles' from the template (one entry for a role both functions share), and the
     * operator's, every kafka-cluster action on this cluster's resources and on nothing else.
     */
    private Map<String, List<IamPolicy>> policies() {
        Map<String, List<IamPolicy>> policies = new LinkedHashMap<>();
        policies.put(access.producer().role().arn(), access.producer().role().policies());
        policies.putIfAbsent(access.consumer().role().arn(), access.consumer().role().policies());
        ClusterArn cluster = access.cluster();
        String resources = String.join("\", \"", cluster.cluster(), cluster.topic("*"), cluster.group("*"),
            cluster.transactionalId("*"));
        policies.put(OPERATOR, List.of(IamPolicy.parse("msk-local operator", "{\"Version\": \"2012-10-17\", "
            + "\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"kafka-cluster:*\", \"Resource\": [\"" + resources
            + "\"]}}")));
        return policies;
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
