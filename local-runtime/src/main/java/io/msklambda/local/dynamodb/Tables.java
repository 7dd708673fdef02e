package io.msklambda.local.dynamodb;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The consumer's two tables, keyed exactly as {@code template.yaml} defines them: aggregates by
 * {@code series} (S) and {@code window_start} (S); rejects by {@code source} (S) and {@code offset} (N).
 */
public final class Tables {

    private Tables() {
    }

    public static CreateTableRequest aggregates(String name) {
        return table(name, "series", ScalarAttributeType.S, "window_start", ScalarAttributeType.S);
    }

    public static CreateTableRequest rejects(String name) {
        return table(name, "source", ScalarAttributeType.S, "offset", ScalarAttributeType.N);
    }

    /** Creates each table that does not exist yet and waits until both are active. */
    public static void ensureBoth(DynamoDbClient dynamo, String aggregatesTable, String rejectsTable) {
        for (CreateTableRequest request : List.of(aggregates(aggregatesTable), rejects(rejectsTable))) {
            try {
                dynamo.describeTable(b -> b.tableName(request.tableName()));
            } catch (ResourceNotFoundException missing) {
                dynamo.createTable(request);
            }
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(request.tableName()));
        }
    }

    /** Creates both tables and waits until they are active. */
    public static void createBoth(DynamoDbClient dynamo, String aggregatesTable, String rejectsTable) {
        for (CreateTableRequest request : List.of(aggregates(aggregatesTable), rejects(rejectsTable))) {
            dynamo.createTable(request);
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(request.tableName()));
        }
    }

    private static CreateTableRequest table(String name, String hash, ScalarAttributeType hashType,
                                            String range, ScalarAttributeType rangeType) {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName(hash).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(range).keyType(KeyType.RANGE).build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(hash).attributeType(hashType).build(),
                        AttributeDefinition.builder().attributeName(range).attributeType(rangeType).build())
                .build();
    }
}
