package io.msklambda.tests.kafka.authz;

import static io.msklambda.tests.kafka.authz.Policies.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msklambda.local.kafka.authz.ClusterArn;
import io.msklambda.local.kafka.authz.MskIamActions;
import io.msklambda.local.kafka.authz.MskIamActions.Request;
import java.util.Optional;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each row of the MSK developer guide's action table (https://docs.aws.amazon.com/msk/latest/developerguide/kafka-actions.html),
 * read as "equivalent to Apache Kafka's OPERATION RESOURCE ACL", with the resource the guide requires.
 */
class MskIamActionsTest {

    private static final MskIamActions ACTIONS = new MskIamActions(CLUSTER);
    private static final String PREFIX = "arn:aws:kafka:us-east-1:000000000000:";
    private static final String ID = "local-msk/5a2f9c1e-7d4b-4e0a-9b3c-1f2e3d4c5b6a-1";

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource({
        "DESCRIBE,         CLUSTER,          kafka-cluster,  kafka-cluster:DescribeCluster,                     cluster/"
                + ID,
        "ALTER,            CLUSTER,          kafka-cluster,  kafka-cluster:AlterCluster,                        cluster/"
                + ID,
        "DESCRIBE_CONFIGS, CLUSTER,          kafka-cluster,  kafka-cluster:DescribeClusterDynamicConfiguration, cluster/"
                + ID,
        "ALTER_CONFIGS,    CLUSTER,          kafka-cluster,  kafka-cluster:AlterClusterDynamicConfiguration,    cluster/"
                + ID,
        "IDEMPOTENT_WRITE, CLUSTER,          kafka-cluster,  kafka-cluster:WriteDataIdempotently,               cluster/"
                + ID,
        "CREATE,           TOPIC,            orders,         kafka-cluster:CreateTopic,                         topic/"
                + ID + "/orders",
        "DESCRIBE,         TOPIC,            orders,         kafka-cluster:DescribeTopic,                       topic/"
                + ID + "/orders",
        "ALTER,            TOPIC,            orders,         kafka-cluster:AlterTopic,                          topic/"
                + ID + "/orders",
        "DELETE,           TOPIC,            orders,         kafka-cluster:DeleteTopic,                         topic/"
                + ID + "/orders",
        "DESCRIBE_CONFIGS, TOPIC,            orders,         kafka-cluster:DescribeTopicDynamicConfiguration,   topic/"
                + ID + "/orders",
        "ALTER_CONFIGS,    TOPIC,            orders,         kafka-cluster:AlterTopicDynamicConfiguration,      topic/"
                + ID + "/orders",
        "READ,             TOPIC,            orders,         kafka-cluster:ReadData,                            topic/"
                + ID + "/orders",
        "WRITE,            TOPIC,            orders,         kafka-cluster:WriteData,                           topic/"
                + ID + "/orders",
        "DESCRIBE,         GROUP,            readers,        kafka-cluster:DescribeGroup,                       group/"
                + ID + "/readers",
        "READ,             GROUP,            readers,        kafka-cluster:AlterGroup,                          group/"
                + ID + "/readers",
        "DELETE,           GROUP,            readers,        kafka-cluster:DeleteGroup,                         group/"
                + ID + "/readers",
        "DESCRIBE,         TRANSACTIONAL_ID, tx-1,           kafka-cluster:DescribeTransactionalId,             transactional-id/"
                + ID + "/tx-1",
        "WRITE,            TRANSACTIONAL_ID, tx-1,           kafka-cluster:AlterTransactionalId,                transactional-id/"
                + ID + "/tx-1"
    })
    void mapsEachRowOfTheGuidesTable(
            AclOperation operation, ResourceType type, String name, String action, String arnSuffix) {
        assertThat(ACTIONS.of(operation, type, name)).contains(new Request(action, PREFIX + arnSuffix));
    }

    @ParameterizedTest(name = "{0} {1} has no action")
    @CsvSource({
        // CreateTopic's resource is the topic: Kafka, refused CREATE on the cluster, asks again per topic
        "CREATE, CLUSTER, kafka-cluster",
        "CLUSTER_ACTION, CLUSTER, kafka-cluster",
        "WRITE, GROUP, readers",
        "READ, TRANSACTIONAL_ID, tx-1",
        "ALL, TOPIC, orders",
        "DESCRIBE, DELEGATION_TOKEN, token",
        "DESCRIBE, USER, someone"
    })
    void hasNoActionForWhatTheTableDoesNotList(AclOperation operation, ResourceType type, String name) {
        assertThat(ACTIONS.of(operation, type, name)).isEqualTo(Optional.empty());
    }

    @Test
    void connectIsOnTheCluster() {
        assertThat(ACTIONS.connect()).isEqualTo(new Request("kafka-cluster:Connect", PREFIX + "cluster/" + ID));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "region   | a cluster ARN's region is like us-east-1: 'US-EAST-1'",
                "account  | a cluster ARN's account is 12 digits: '0000'",
                "name     | a cluster ARN's name is 1 to 64 letters, digits and hyphens, starting with a letter: 'my/cluster'",
                "uuid     | a cluster ARN's uuid is letters, digits and hyphens: 'a/b'"
            })
    void clusterArnRefusesWhatCannotBeInAnArn(String field, String message) {
        assertThatThrownBy(() -> new ClusterArn(
                        field.equals("region") ? "US-EAST-1" : "us-east-1",
                        field.equals("account") ? "0000" : "000000000000",
                        field.equals("name") ? "my/cluster" : "local-msk",
                        field.equals("uuid") ? "a/b" : "u-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
