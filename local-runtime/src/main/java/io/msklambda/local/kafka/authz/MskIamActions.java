package io.msklambda.local.kafka.authz;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What Amazon MSK's IAM access control asks for when Kafka checks an operation on a resource: the
 * {@code kafka-cluster} action whose description in the MSK developer guide is "equivalent to Apache Kafka's
 * {@code <OPERATION> <RESOURCE>} ACL", and the ARN of the resource type the guide requires for it (Semantics of IAM
 * authorization policy actions and resources, https://docs.aws.amazon.com/msk/latest/developerguide/kafka-actions.html).
 *
 * <p>Every pair not in the table has no action, so no policy can allow it: Kafka's internal operations
 * ({@code CLUSTER_ACTION}), delegation tokens, users, and {@code CREATE} on the cluster. That last one is deliberate:
 * the guide gives {@code CreateTopic} a topic resource, and Kafka, refused {@code CREATE} on the cluster, asks
 * again for {@code CREATE} on each topic, which maps to the topic's ARN.
 *
 * <p>Kafka's implied operations (a {@code READ} ACL also granting {@code DESCRIBE}) are not emulated: the guide's
 * "Required actions" column makes a policy list {@code DescribeTopic} beside {@code ReadData}.
 */
public final class MskIamActions {

    /** The action every connection needs, on the cluster's ARN. */
    public static final String CONNECT = "kafka-cluster:Connect";

    /** One row of the guide's table, read from the Kafka side. */
    record Row(ResourceType resourceType, AclOperation operation, String action) {
        Row {
            Objects.requireNonNull(resourceType, "resourceType");
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(action, "action");
        }
    }

    /** The guide's table, in its order. */
    static final List<Row> TABLE = List.of(
            new Row(ResourceType.CLUSTER, AclOperation.DESCRIBE, "kafka-cluster:DescribeCluster"),
            new Row(ResourceType.CLUSTER, AclOperation.ALTER, "kafka-cluster:AlterCluster"),
            new Row(
                    ResourceType.CLUSTER,
                    AclOperation.DESCRIBE_CONFIGS,
                    "kafka-cluster:DescribeClusterDynamicConfiguration"),
            new Row(ResourceType.CLUSTER, AclOperation.ALTER_CONFIGS, "kafka-cluster:AlterClusterDynamicConfiguration"),
            new Row(ResourceType.CLUSTER, AclOperation.IDEMPOTENT_WRITE, "kafka-cluster:WriteDataIdempotently"),
            new Row(ResourceType.TOPIC, AclOperation.CREATE, "kafka-cluster:CreateTopic"),
            new Row(ResourceType.TOPIC, AclOperation.DESCRIBE, "kafka-cluster:DescribeTopic"),
            new Row(ResourceType.TOPIC, AclOperation.ALTER, "kafka-cluster:AlterTopic"),
            new Row(ResourceType.TOPIC, AclOperation.DELETE, "kafka-cluster:DeleteTopic"),
            new Row(
                    ResourceType.TOPIC,
                    AclOperation.DESCRIBE_CONFIGS,
                    "kafka-cluster:DescribeTopicDynamicConfiguration"),
            new Row(ResourceType.TOPIC, AclOperation.ALTER_CONFIGS, "kafka-cluster:AlterTopicDynamicConfiguration"),
            new Row(ResourceType.TOPIC, AclOperation.READ, "kafka-cluster:ReadData"),
            new Row(ResourceType.TOPIC, AclOperation.WRITE, "kafka-cluster:WriteData"),
            new Row(ResourceType.GROUP, AclOperation.DESCRIBE, "kafka-cluster:DescribeGroup"),
            new Row(ResourceType.GROUP, AclOperation.READ, "kafka-cluster:AlterGroup"),
            new Row(ResourceType.GROUP, AclOperation.DELETE, "kafka-cluster:DeleteGroup"),
            new Row(ResourceType.TRANSACTIONAL_ID, AclOperation.DESCRIBE, "kafka-cluster:DescribeTransactionalId"),
            new Row(ResourceType.TRANSACTIONAL_ID, AclOperation.WRITE, "kafka-cluster:AlterTransactionalId"));

    /** Every {@code kafka-cluster} action: Connect, then the table's, in its order. */
    public static final List<String> ALL = Stream.concat(
                    Stream.of(CONNECT), TABLE.stream().map(Row::action))
            .distinct()
            .toList();

    /**
     * An action on a resource, as IAM evaluates it.
     *
     * @param action      such as {@code kafka-cluster:WriteData}
     * @param resourceArn the ARN of the cluster, topic, group or transactional id
     */
    public record Request(String action, String resourceArn) {
        public Request {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(resourceArn, "resourceArn");
        }
    }

    private final ClusterArn cluster;

    public MskIamActions(ClusterArn cluster) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
    }

    /** {@code kafka-cluster:Connect} on the cluster. */
    public Request connect() {
        return new Request(CONNECT, cluster.cluster());
    }

    /**
     * The action and resource MSK checks for {@code operation} on the resource of that type and name; empty when
     * MSK has no action for it (so no policy allows it).
     */
    public Optional<Request> of(AclOperation operation, ResourceType resourceType, String resourceName) {
        return TABLE.stream()
                .filter(row -> row.resourceType() == resourceType && row.operation() == operation)
                .findFirst()
                .map(row -> new Request(row.action(), arn(resourceType, resourceName)));
    }

    private String arn(ResourceType type, String name) {
        return switch (type) {
            case CLUSTER -> cluster.cluster();
            case TOPIC -> cluster.topic(name);
            case GROUP -> cluster.group(name);
            case TRANSACTIONAL_ID -> cluster.transactionalId(name);
            default -> throw new IllegalArgumentException("MSK has no IAM resource for " + type);
        };
    }
}
