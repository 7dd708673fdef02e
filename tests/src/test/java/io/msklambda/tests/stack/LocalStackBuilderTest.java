package io.msklambda.tests.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msklambda.local.sam.SamTemplate;
import io.msklambda.local.stack.LocalStack;
import io.msklambda.producer.AuthMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@link LocalStack#builder()} starts, and the parts that do not make a stack, refused before any service runs.
 */
class LocalStackBuilderTest {

    @Test
    void aStackOfNothingIsRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> LocalStack.builder().start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a stack needs Kafka, DynamoDB or both");
    }

    @Test
    void aClusterWithoutItsTopicIsRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> LocalStack.builder().kafka(AuthMode.NONE).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a stack's cluster needs its topic: topic(name, partitions)");
    }

    @Test
    void authorizationWithoutAnIamListenerIsRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> LocalStack.builder()
                        .kafka(AuthMode.TLS)
                        .topic("orders", 3)
                        .authorization(
                                SamTemplate.localCluster(), Map.of("arn:aws:iam::000000000000:role/r", List.of()))
                        .start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("authorization applies to an embedded cluster's IAM listener: kafka(AuthMode.IAM)");
    }

    @Test
    void anIamListenerWithoutAPrincipalIsRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> LocalStack.builder()
                        .kafka(AuthMode.IAM)
                        .topic("orders", 3)
                        .start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("an embedded IAM listener needs a principal to let in: principal(client, name)");
    }

    @Test
    void aBadTableNameOrTopicIsRefusedWhenSet() {
        assertThatThrownBy(() -> LocalStack.builder().dynamoDb("aggregates", "no spaces"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rejects table 'no spaces': must be ");
        assertThatThrownBy(() -> LocalStack.builder().topic("orders", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partitions 0: must be 1 to 1000");
    }

    @Test
    void aDynamoDbOnlyStackHasTheTablesAndNoCluster() {
        // Given a stack of DynamoDB Local with the consumer's tables, and nothing else
        try (LocalStack stack = LocalStack.builder()
                .dynamoDb("stack-aggregates", "stack-rejects")
                .start()) {
            // Then both tables are there, and no cluster is
            assertThat(stack.dynamo().listTables().tableNames()).containsExactly("stack-aggregates", "stack-rejects");
            assertThat(stack.dynamoDb()).isPresent();
            assertThat(stack.kafka()).isEmpty();
            assertThat(stack.principal()).isEmpty();
            assertThat(stack.eventSourceArn()).isNull();
            assertThatThrownBy(stack::bootstrapServers)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("this stack has no Kafka cluster");
        }
    }
}
