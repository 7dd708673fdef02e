package io.msklambda.local.stack;

import io.msklambda.consumer.ConsumerSettings;
import io.msklambda.local.kafka.EmbeddedKafka;
import io.msklambda.local.kafka.authz.ClusterArn;
import io.msklambda.local.kafka.authz.IamPolicy;
import io.msklambda.local.sam.SamTemplate;
import io.msklambda.local.stack.LocalStack.Client;
import io.msklambda.producer.AuthMode;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

/**
 * What a {@link LocalStack} starts ({@link LocalStack#builder()}): a Kafka cluster with its topic (embedded, listening
 * the way its clients authenticate, with the principals its IAM listener lets in and what they may do; or a real
 * one), DynamoDB (DynamoDB Local, or a real endpoint) with the consumer's tables, or both. Each value is checked when
 * it is set and the whole at {@link #start}, so that a bad one fails before any service runs.
 */
public final class LocalStackBuilder {

    /** Who else signs in to the cluster of a command's run: the run itself, reading the topic back, and `up`'s tools. */
    static final String OPERATOR = "arn:aws:iam::" + SamTemplate.LOCAL_ACCOUNT + ":user/msk-local";

    AuthMode auth;
    final Set<AuthMode> alsoListening = EnumSet.noneOf(AuthMode.class);
    int brokers = 1;
    String bootstrapServers;
    String topic;
    int partitions;
    String signingRegion;
    final Map<Client, String> principals = new EnumMap<>(Client.class);
    ClusterArn authorizedCluster;
    Map<String, List<IamPolicy>> policies;
    ClusterAccess access = ClusterAccess.off(SamTemplate.localCluster(), "not asked for");
    boolean dynamoDb;
    URI dynamoDbEndpoint;
    String aggregatesTable;
    String rejectsTable;
    Exposure exposure = Exposure.LOOPBACK;

    LocalStackBuilder() {}

    /**
     * The stack of a command's run, as {@code pipeline} and {@code up} start it: both services, an operator principal
     * on an embedded IAM listener, and with {@code access} authorizing, the producer's and the trigger's principals,
     * each allowed what its role's policies allow.
     */
    static LocalStackBuilder of(Services services, Exposure exposure, ClusterAccess access) {
        LocalStackBuilder builder = new LocalStackBuilder().exposure(exposure);
        if (services.embeddedKafka()) {
            builder.kafka(services.auth()).brokers(services.brokers()).principal(Client.OPERATOR, OPERATOR);
        } else {
            builder.realKafka(services.bootstrapServers(), services.auth());
        }
        builder.topic(services.topic(), services.partitions());
        if (access != null) {
            builder.access = access;
            if (access.authorizes() && services.embeddedKafka()) {
                builder.principal(Client.PRODUCER, access.producer().principal())
                        .principal(Client.TRIGGER, access.consumer().principal())
                        .authorization(access.cluster(), policies(access));
            }
        }
        if (services.embeddedDynamoDb()) {
            return builder.dynamoDb(services.aggregatesTable(), services.rejectsTable());
        }
        return builder.realDynamoDb(services.dynamodbEndpoint(), services.aggregatesTable(), services.rejectsTable());
    }

    /**
     * Each principal's policies: the roles' from the template (one entry for a role both functions share), and the
     * operator's, every kafka-cluster action on this cluster's resources and on nothing else.
     */
    private static Map<String, List<IamPolicy>> policies(ClusterAccess access) {
        Map<String, List<IamPolicy>> policies = new LinkedHashMap<>();
        policies.put(access.producer().role().arn(), access.producer().role().policies());
        policies.putIfAbsent(
                access.consumer().role().arn(), access.consumer().role().policies());
        ClusterArn cluster = access.cluster();
        String resources = String.join(
                "\", \"", cluster.cluster(), cluster.topic("*"), cluster.group("*"), cluster.transactionalId("*"));
        policies.put(
                OPERATOR,
                List.of(IamPolicy.parse(
                        "msk-local operator",
                        "{\"Version\": \"2012-10-17\", "
                                + "\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"kafka-cluster:*\", \"Resource\": [\""
                                + resources
                                + "\"]}}")));
        return policies;
    }

    /** An embedded cluster of one broker, with the listener clients of this {@code AUTH_MODE} connect to. */
    public LocalStackBuilder kafka(AuthMode auth) {
        this.auth = Objects.requireNonNull(auth, "auth");
        bootstrapServers = null;
        return this;
    }

    /** A listener for clients of another {@code AUTH_MODE} too, on the embedded cluster. */
    public LocalStackBuilder alsoListening(AuthMode other) {
        alsoListening.add(Objects.requireNonNull(other, "other"));
        return this;
    }

    /** @throws IllegalArgumentException outside 1..{@value EmbeddedKafka#MAX_BROKERS} */
    public LocalStackBuilder brokers(int count) {
        OptionCheck.range(count, 1, EmbeddedKafka.MAX_BROKERS, "brokers");
        brokers = count;
        return this;
    }

    /** A real cluster instead of an embedded one, which its clients reach the way {@code auth} says. */
    public LocalStackBuilder realKafka(String bootstrapServers, AuthMode auth) {
        this.auth = Objects.requireNonNull(auth, "auth");
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        return this;
    }

    /** The topic the cluster must have: created on an embedded cluster, and on a real one unless it exists. */
    public LocalStackBuilder topic(String name, int partitions) {
        try {
            Topic.validate(Objects.requireNonNull(name, "topic"));
        } catch (InvalidTopicException e) {
            throw new IllegalArgumentException("topic '" + name + "': " + e.getMessage(), e);
        }
        OptionCheck.range(partitions, 1, 1000, "partitions");
        this.topic = name;
        this.partitions = partitions;
        return this;
    }

    /**
     * The region the embedded IAM listener expects signatures for, when the clients run elsewhere and are told it;
     * without it, the region this JVM's clients sign for ({@link io.msklambda.local.kafka.iam.SigningRegion}).
     */
    public LocalStackBuilder signingRegion(String region) {
        this.signingRegion = Objects.requireNonNull(region, "region");
        return this;
    }

    /** A principal the embedded IAM listener lets in, made up at start with credentials of its own. */
    public LocalStackBuilder principal(Client client, String name) {
        principals.put(Objects.requireNonNull(client, "client"), Objects.requireNonNull(name, "name"));
        return this;
    }

    /**
     * Authorizes the IAM listener's requests as Amazon MSK's IAM access control does, on {@code cluster}'s resources.
     *
     * @param byOwner each principal's policies, by the principal's name or its role's ARN
     */
    public LocalStackBuilder authorization(ClusterArn cluster, Map<String, List<IamPolicy>> byOwner) {
        this.authorizedCluster = Objects.requireNonNull(cluster, "cluster");
        this.policies = Map.copyOf(byOwner);
        return this;
    }

    /** DynamoDB Local, empty: for callers that make their own tables. */
    public LocalStackBuilder dynamoDb() {
        dynamoDb = true;
        dynamoDbEndpoint = null;
        aggregatesTable = null;
        rejectsTable = null;
        return this;
    }

    /** DynamoDB Local with the consumer's two tables. */
    public LocalStackBuilder dynamoDb(String aggregatesTable, String rejectsTable) {
        dynamoDb();
        this.aggregatesTable = table(aggregatesTable, "aggregates table");
        this.rejectsTable = table(rejectsTable, "rejects table");
        return this;
    }

    /** A real DynamoDB endpoint (or another DynamoDB Local) instead, with the consumer's two tables if missing. */
    public LocalStackBuilder realDynamoDb(URI endpoint, String aggregatesTable, String rejectsTable) {
        dynamoDb(aggregatesTable, rejectsTable);
        dynamoDbEndpoint = Objects.requireNonNull(endpoint, "endpoint");
        return this;
    }

    /** Where the embedded services listen; {@link Exposure#LOOPBACK} unless set. */
    public LocalStackBuilder exposure(Exposure exposure) {
        this.exposure = Objects.requireNonNull(exposure, "exposure");
        return this;
    }

    private static String table(String name, String what) {
        OptionCheck.require(
                name != null && ConsumerSettings.isTableName(name),
                what,
                "'" + name + "'",
                "must be " + ConsumerSettings.TABLE_NAME_RULE);
        return name;
    }

    boolean embeddedKafka() {
        return auth != null && bootstrapServers == null;
    }

    boolean listens(AuthMode mode) {
        return embeddedKafka() && (auth == mode || alsoListening.contains(mode));
    }

    /** Starts the services, saying nothing: for callers that say what they started in their own words. */
    public LocalStack start() {
        return start(new PrintWriter(Writer.nullWriter()));
    }

    /**
     * Starts the services, each saying so in one line on {@code out}.
     *
     * @throws IllegalStateException when the parts set do not make a stack, before anything starts
     */
    public LocalStack start(PrintWriter out) {
        require(auth != null || dynamoDb, "a stack needs Kafka, DynamoDB or both");
        require(auth == null || topic != null, "a stack's cluster needs its topic: topic(name, partitions)");
        require(alsoListening.isEmpty() || embeddedKafka(), "a real cluster listens as it does: no alsoListening");
        require(
                !listens(AuthMode.IAM) || !principals.isEmpty(),
                "an embedded IAM listener needs a principal to let in: principal(client, name)");
        require(
                policies == null || listens(AuthMode.IAM),
                "authorization applies to an embedded cluster's IAM listener: kafka(AuthMode.IAM)");
        return LocalStack.start(this, out);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
