package io.msklambda.tests.kafka.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.msklambda.local.kafka.authz.IamPolicy;
import io.msklambda.local.kafka.authz.PolicyEvaluator;
import io.msklambda.local.kafka.authz.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loading a policy document: what it holds, and the refusal of what the local cluster cannot evaluate. */
class IamPolicyTest {

    @Test
    void readsStatementsWithStringOrListElements() {
        IamPolicy policy = Policies.load("producer");

        assertThat(policy.statements())
                .extracting(
                        Statement::sid,
                        Statement::effect,
                        s -> s.actions().size(),
                        s -> s.resources().size())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "ConnectAndWriteIdempotently", Statement.Effect.ALLOW, 2, 1),
                        org.assertj.core.groups.Tuple.tuple("ProduceOrders", Statement.Effect.ALLOW, 2, 1));
    }

    @Test
    void readsASingleStatementObject() {
        IamPolicy policy = Policies.load("deny-orders-write");

        assertThat(policy.statements()).singleElement().satisfies(statement -> {
            assertThat(statement.label()).isEqualTo("DenyOrdersWrite");
            assertThat(statement.effect()).isEqualTo(Statement.Effect.DENY);
            assertThat(statement.notAction()).isFalse();
        });
    }

    @Test
    void readsTheMapsAParserGives() throws Exception {
        Object document = new ObjectMapper().readValue(Policies.text("all-but-deletes"), Map.class);

        IamPolicy policy = IamPolicy.of("all-but-deletes", document);

        assertThat(policy.statements())
                .extracting(Statement::notAction, Statement::notResource)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(true, false),
                        org.assertj.core.groups.Tuple.tuple(false, true));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "with-condition | policy with-condition, statement OnlyTaggedClusters has a Condition (condition key "
                        + "StringEquals aws:ResourceTag/env) on kafka-cluster actions, which the local cluster cannot evaluate",
                "with-principal | policy with-principal, statement BucketPolicyShaped has a Principal",
                "with-policy-variable | policy with-policy-variable, statement OwnTopic uses a policy variable in "
                        + "'arn:aws:kafka:us-east-1:000000000000:topic/local-msk/*/${aws:username}'",
                "action-and-not-action | policy action-and-not-action, statement Both must have exactly one of Action and "
                        + "NotAction",
                "unknown-effect | policy unknown-effect, statement Maybe has Effect 'allow'; it is Allow or Deny"
            })
    void refusesToLoadWhatItCannotEvaluate(String fixture, String message) {
        assertThatThrownBy(() -> Policies.load(fixture))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void aConditionOnAStatementThatCannotApplyToKafkaClusterActionsIsKeptUnevaluated() {
        // the template's own shape: EC2 network-interface actions denied to the function's code
        IamPolicy policy = IamPolicy.parse("network", """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "NotFromFunctionCode", "Effect": "Deny",
               "Action": ["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface"], "Resource": "*",
               "Condition": {"ArnLike": {"lambda:SourceFunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:*"}}},
              {"Sid": "Connect", "Effect": "Allow", "Action": "kafka-cluster:Connect", "Resource": "*"}]}""");

        assertThat(PolicyEvaluator.evaluate(List.of(policy), "kafka-cluster:Connect", "arn:aws:kafka:x")
                        .allowed())
                .isTrue();
        assertThatThrownBy(() -> IamPolicy.parse("broad", """
            {"Statement": {"Sid": "AnyAction", "Effect": "Deny", "Action": "*", "Resource": "*",
             "Condition": {"Bool": {"aws:SecureTransport": "false"}}}}"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("policy broad, statement AnyAction has a Condition (condition key Bool "
                        + "aws:SecureTransport) on kafka-cluster actions");
    }

    @Test
    void refusesAnElementIamDoesNotKnow() {
        assertThatThrownBy(() -> IamPolicy.parse("typo", "{\"Version\":\"2012-10-17\",\"Statements\":[]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "policy typo has an element IAM does not know: 'Statements'; known: [Id, Statement, Version]");
    }

    @Test
    void refusesWhatIsNotJson() {
        assertThatThrownBy(() -> IamPolicy.parse("broken", "{\"Version\":"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("policy broken is not JSON");
    }
}
