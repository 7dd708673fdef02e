package io.msklambda.local.dynamodb;

import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The consumer's two tables, keyed exactly as {@code template.yaml} defines them: aggregates by
 * {@code series} (S) and {@code window_source} (S, {@code <window start>#<topic-partition>}: one item per source
 * partition of a window); rejects by {@code source} (S) and {@code offset} (N).
 */
public final class Tables {

    private Tables() {
    }

    public static CreateTableRequest aggregates(String name) {
        return table(name, "series", ScalarAttributeType.S, "window_source", ScalarAttributeType.S);
    }

    public static CreateTableRequest rejects(String name) {
        return table(name, "source", ScalarAttributeType.S, "offset", ScalarAttributeType.N);
    }

    /**
     * Creates each table that does not exist yet and waits until both are active.
     *
     * @throws IllegalStateException if a table exists with other keys, as one made by an older version of the
     *                               consumer (one aggregates item per window) is: its writes would all fail
     */
    public static void ensureBoth(DynamoDbClient dynamo, String aggregatesTable, String rejectsTable) {
        for (CreateTableRequest request : List.of(aggregates(aggregatesTable), rejects(rejectsTable))) {
            try {
                requireKeys(dynamo.describeTable(b -> b.tableName(request.tableName())).table(), request);
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

    private static void requireKeys(TableDescription existing, CreateTableRequest wanted) {
        if (!existing.keySchema().equals(wanted.keySchema())) {
            throw new IllegalStateException("table " + wanted.tableName() + " is keyed " + keys(existing.keySchema())
                    + ", but the consumer needs " + keys(wanted.keySchema()) + ": delete it, or name another table");
        }
    }

    private static String keys(List<KeySchemaElement> schema) {
        return schema.stream().map(key -> key.attributeName() + " (" + key.keyTypeAsString() + ")")
                .collect(Collectors.joining(", "));
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
