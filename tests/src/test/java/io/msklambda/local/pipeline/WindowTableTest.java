package io.msklambda.local.pipeline;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msklambda.tests.support.LocalServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * {@link WindowTable} is package-private, so its test lives in its package (in the tests module, beside the
 * real DynamoDB Local it needs).
 */
class WindowTableTest {

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    @Test
    void readingATableThatDoesNotExistNamesTheTableAndTheEndpoint() {
        // Given a DynamoDB without the aggregates table, as one that came back empty
        String endpoint = SERVICES.dynamoDb().endpoint().toString();

        // When the pipeline reads the windows, then it fails saying which table is missing where
        assertThatThrownBy(() -> WindowTable.read(SERVICES.dynamo(), "aggregates-missing"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("aggregates table aggregates-missing does not exist at " + endpoint
                        + ": was DynamoDB restarted without its tables?")
                .hasCauseInstanceOf(ResourceNotFoundException.class);
    }
}
