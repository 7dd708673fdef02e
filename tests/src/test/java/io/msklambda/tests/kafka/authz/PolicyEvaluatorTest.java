package io.msklambda.tests.kafka.authz;

import static io.msklambda.tests.kafka.authz.Policies.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.local.kafka.authz.Decision;
import io.msklambda.local.kafka.authz.IamPolicy;
import io.msklambda.local.kafka.authz.PolicyEvaluator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IAM's evaluation of identity policies: explicit Deny wins, then an Allow, else the implicit deny. */
class PolicyEvaluatorTest {

    private static final IamPolicy PRODUCER = Policies.load("producer");
    private static final IamPolicy DENY_ORDERS_WRITE = Policies.load("deny-orders-write");

    @Test
    void allowsWhatAStatementAllowsNamingIt() {
        Decision decision =
                PolicyEvaluator.evaluate(List.of(PRODUCER), "kafka-cluster:WriteData", CLUSTER.topic("orders"));

        assertThat(decision)
                .isEqualTo(new Decision(
                        true, "producer", "ProduceOrders", "allowed by statement ProduceOrders in policy producer"));
    }

    @Test
    void deniesWhatNoStatementAllows() {
        Decision decision =
                PolicyEvaluator.evaluate(List.of(PRODUCER), "kafka-cluster:WriteData", CLUSTER.topic("payments"));

        assertThat(decision).isEqualTo(new Decision(false, null, null, "no statement allows it"));
    }

    @Test
    void deniesEverythingWithoutPolicies() {
        assertThat(PolicyEvaluator.evaluate(List.of(), "kafka-cluster:Connect", CLUSTER.cluster()))
                .isEqualTo(new Decision(false, null, null, Decision.NOT_ALLOWED));
    }

    @Test
    void anExplicitDenyOnWriteDataBeatsTheAllowInAnotherPolicy() {
        Decision decision = PolicyEvaluator.evaluate(
                List.of(PRODUCER, DENY_ORDERS_WRITE), "kafka-cluster:WriteData", CLUSTER.topic("orders"));

        assertThat(decision)
                .isEqualTo(new Decision(
                        false,
                        "deny-orders-write",
                        "DenyOrdersWrite",
                        "denied by statement DenyOrdersWrite in policy deny-orders-write"));
    }

    @Test
    void anExplicitDenyWinsWhicheverPolicyComesFirst() {
        assertThat(PolicyEvaluator.evaluate(
                                List.of(DENY_ORDERS_WRITE, PRODUCER),
                                "kafka-cluster:WriteData",
                                CLUSTER.topic("orders"))
                        .allowed())
                .isFalse();
    }

    @Test
    void aDenyLeavesTheActionsItDoesNotNameAllowed() {
        assertThat(PolicyEvaluator.evaluate(
                                List.of(PRODUCER, DENY_ORDERS_WRITE),
                                "kafka-cluster:DescribeTopic",
                                CLUSTER.topic("orders"))
                        .allowed())
                .isTrue();
    }

    @ParameterizedTest(name = "{0} on topic {1}: {2}")
    @CsvSource({
        // kafka-cluster:*Topic covers the four topic actions, not the dynamic-configuration ones (the MSK guide's
        // example)
        "kafka-cluster:CreateTopic, orders-1, true",
        "kafka-cluster:DescribeTopic, orders-1, true",
        "kafka-cluster:AlterTopic, orders-1, true",
        "kafka-cluster:DeleteTopic, orders-1, true",
        "kafka-cluster:DescribeTopicDynamicConfiguration, orders-1, false",
        // ? is exactly one character
        "kafka-cluster:DescribeTopic, orders-10, false",
        "kafka-cluster:DescribeTopic, orders-, false",
        // actions match whatever their case
        "KAFKA-CLUSTER:describetopic, orders-2, true",
        // resources do not
        "kafka-cluster:DescribeTopic, ORDERS-1, false"
    })
    void actionAndResourceWildcards(String action, String topic, boolean allowed) {
        assertThat(PolicyEvaluator.evaluate(List.of(Policies.load("wildcards")), action, CLUSTER.topic(topic))
                        .allowed())
                .isEqualTo(allowed);
    }

    @Test
    void aStatementWithoutSidIsNamedByItsPosition() {
        Decision decision = PolicyEvaluator.evaluate(
                List.of(Policies.load("wildcards")),
                "kafka-cluster:DescribeGroup",
                "arn:aws:kafka:us-1:group/local-msk/any/readers");

        assertThat(decision)
                .isEqualTo(new Decision(true, "wildcards", "#2", "allowed by statement #2 in policy wildcards"));
    }

    @Test
    void aResourceWildcardInsideAnArnSegmentDoesNotCrossColons() {
        // "us*1" would match "us-east-1:000000000000" if * crossed the colon between region and account
        assertThat(PolicyEvaluator.evaluate(
                                List.of(Policies.load("wildcards")),
                                "kafka-cluster:DescribeGroup",
                                CLUSTER.group("readers"))
                        .allowed())
                .isFalse();
    }

    @Test
    void aResourceWildcardEndingAnArnSegmentExpandsBeyondColons() {
        assertThat(PolicyEvaluator.evaluate(
                                List.of(Policies.load("wildcards")), "kafka-cluster:DescribeCluster", CLUSTER.cluster())
                        .allowed())
                .isTrue();
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource({
        "kafka-cluster:Connect, cluster, true",
        "kafka-cluster:AlterGroup, group, true",
        "kafka-cluster:WriteData, orders, true",
        // NotAction: every action but the deletes
        "kafka-cluster:DeleteTopic, orders, false",
        "kafka-cluster:DeleteGroup, group, false",
        // NotResource: a Deny on WriteData everywhere but orders
        "kafka-cluster:WriteData, payments, false",
        "kafka-cluster:ReadData, payments, true"
    })
    void notActionAndNotResource(String action, String resource, boolean allowed) {
        String arn = switch (resource) {
            case "cluster" -> CLUSTER.cluster();
            case "group" -> CLUSTER.group("readers");
            default -> CLUSTER.topic(resource);
        };
        assertThat(PolicyEvaluator.evaluate(List.of(Policies.load("all-but-deletes")), action, arn)
                        .allowed())
                .isEqualTo(allowed);
    }

    @Test
    void aNotResourceDenyNamesItsStatement() {
        assertThat(PolicyEvaluator.evaluate(
                                List.of(Policies.load("all-but-deletes")),
                                "kafka-cluster:WriteData",
                                CLUSTER.topic("payments"))
                        .explanation())
                .isEqualTo("denied by statement NoWritesOutsideOrders in policy all-but-deletes");
    }
}
