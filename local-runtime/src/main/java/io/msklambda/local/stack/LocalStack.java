package io.msklambda.local.stack;

import io.msklambda.consumer.ConsumerSettings;
import io.msklambda.consumer.DynamoDbClients;
import io.msklambda.local.dynamodb.EmbeddedDynamoDb;
import io.msklambda.local.dynamodb.Tables;
import io.msklambda.local.kafka.EmbeddedKafka;
import io.msklambda.local.kafka.authz.Authorization;
import io.msklambda.local.kafka.iam.LocalPrincipal;
import io.msklambda.local.kafka.iam.SigningRegion;
import io.msklambda.local.kafka.iam.StaticIamCredentials;
import io.msklambda.model.ConfigSource;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
 *
 * <p>{@code pipeline} and {@code up} start it from their {@link Services}; {@code invoke} and the benchmarks ask
 * {@link #builder()} for the parts they need (only Kafka, only DynamoDB, the principals and policies of their own).
 */
public final class LocalStack implements AutoCloseable {

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
    private final ClusterAccess access;
    private LocalCluster cluster;
    private EmbeddedDynamoDb dynamoDb;
    private DynamoDbClient dynamo;

    private LocalStack(ClusterAccess access) {
        this.access = access;
    }

    /** The parts of a stack, checked before anything starts. */
    public static LocalStackBuilder builder() {
        return new LocalStackBuilder();
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
        return LocalStackBuilder.of(services, exposure, access).start(out);
    }

    static LocalStack start(LocalStackBuilder plan, PrintWriter out) {
        LocalStack stack = new LocalStack(plan.access);
        try {
            if (plan.auth != null) {
                stack.cluster = LocalCluster.start(plan, stack.resources, out);
            }
            if (plan.dynamoDb) {
                stack.startDynamoDb(plan, out);
            }
            return stack;
        } catch (RuntimeException | Error e) { // an Error too (a native library DynamoDB Local fails to load): no
            // broker or data directory outlives a failed start
            try {
                stack.close();
            } catch (RuntimeException | Error closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The brokers' addresses on the listener the clients use. */
    public String bootstrapServers() {
        return cluster().bootstrapServers;
    }

    /**
     * The brokers' addresses on the listener for containers, which advertises the {@link Exposure#containerHost()}:
     * empty without that listener.
     */
    public Optional<String> containerBootstrapServers() {
        return Optional.ofNullable(cluster).map(c -> c.containerBootstrapServers);
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
        return Optional.ofNullable(cluster).map(c -> c.principals.get(client));
    }

    /** The embedded cluster's IAM access control, with what it decided so far; empty when it authorizes nothing. */
    public Optional<Authorization> authorization() {
        return Optional.ofNullable(cluster).map(c -> c.authorization);
    }

    /** Who may do what on the cluster, as the run was started. */
    public ClusterAccess access() {
        return access;
    }

    /** The region IAM clients sign for; empty unless the embedded cluster has an IAM listener. */
    public Optional<String> signingRegion() {
        return Optional.ofNullable(cluster).map(c -> c.signingRegion);
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
        Map<String, Object> properties = new HashMap<>(cluster().clientProperties);
        LocalPrincipal principal = cluster.principals.getOrDefault(client, cluster.principals.get(Client.OPERATOR));
        if (principal != null) {
            properties.putAll(StaticIamCredentials.clientProperties(principal));
        }
        return Map.copyOf(properties);
    }

    /** The embedded cluster, if the run has it. */
    public Optional<EmbeddedKafka> kafka() {
        return Optional.ofNullable(cluster).map(c -> c.kafka);
    }

    /** The embedded DynamoDB Local, if the run has it. */
    public Optional<EmbeddedDynamoDb> dynamoDb() {
        return Optional.ofNullable(dynamoDb);
    }

    /** A client of the stack's DynamoDB, which the stack closes. */
    public DynamoDbClient dynamo() {
        if (dynamo == null) {
            throw new IllegalStateException("this stack has no DynamoDB");
        }
        return dynamo;
    }

    /** The cluster ARN the trigger's events carry: the embedded cluster's, none for a real one. */
    public String eventSourceArn() {
        return kafka().isEmpty() ? null : access.cluster().cluster();
    }

    /** Closes what was started, last first; the first failure is thrown with the others suppressed. */
    @Override
    public void close() {
        resources.close();
    }

    private LocalCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("this stack has no Kafka cluster");
        }
        return cluster;
    }

    private void startDynamoDb(LocalStackBuilder plan, PrintWriter out) {
        if (plan.dynamoDbEndpoint != null) {
            dynamo = resources.add(DynamoDbClients.create(new ConsumerSettings(
                    plan.aggregatesTable,
                    plan.rejectsTable,
                    Duration.ofSeconds(1),
                    ConfigSource.environment().string(ConsumerSettings.AWS_REGION, EmbeddedDynamoDb.REGION),
                    Optional.of(plan.dynamoDbEndpoint))));
        } else {
            dynamoDb = resources.add(EmbeddedDynamoDb.start(plan.exposure.bindAddress(), plan.exposure.dynamoDbPort()));
            dynamo = resources.add(dynamoDb.client());
            out.printf(
                    "embedded DynamoDB Local at %s%s%n",
                    dynamoDb.endpoint(),
                    plan.aggregatesTable == null
                            ? ""
                            : ", tables " + plan.aggregatesTable + " and " + plan.rejectsTable);
        }
        if (plan.aggregatesTable == null) {
            return;
        }
        try {
            Tables.ensureBoth(dynamo, plan.aggregatesTable, plan.rejectsTable);
        } catch (SdkException e) {
            throw new IllegalStateException(
                    (plan.dynamoDbEndpoint == null ? "DynamoDB Local" : "--dynamodb-endpoint " + plan.dynamoDbEndpoint)
                            + ": cannot create or find the tables "
                            + plan.aggregatesTable + " and " + plan.rejectsTable + ": " + e.getMessage(),
                    e);
        }
    }
}
