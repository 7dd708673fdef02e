package io.msklambda.tests.support;

import io.msklambda.local.dynamodb.EmbeddedDynamoDb;
import io.msklambda.local.kafka.EmbeddedKafka;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local runtime's real services for one test class: each started on first use and stopped after the
 * class. Register it as {@code @RegisterExtension static final LocalServices services = new LocalServices();}.
 */
public final class LocalServices implements AfterAllCallback {

    private EmbeddedKafka kafka;
    private EmbeddedDynamoDb dynamoDb;
    private DynamoDbClient dynamo;

    public synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start();
        }
        return kafka;
    }

    public synchronized EmbeddedDynamoDb dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = EmbeddedDynamoDb.start();
        }
        return dynamoDb;
    }

    /** One client for the test class, on the same HTTP client the consumer uses. */
    public synchronized DynamoDbClient dynamo() {
        if (dynamo == null) {
            dynamo = dynamoDb().client();
        }
        return dynamo;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (dynamo != null) {
            dynamo.close();
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        dynamo = null;
        dynamoDb = null;
        kafka = null;
    }
}
