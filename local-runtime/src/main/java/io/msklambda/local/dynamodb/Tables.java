package io.msklambda.local.dynamodb;

import io.msklambda.consumer.AggregatesTable;
import io.msklambda.consumer.RejectsTable;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Creates the consumer's two tables locally, as {@link AggregatesTable} and {@link RejectsTable} describe them (and
 * {@code template.yaml} declares them), and refuses a table of that name with other keys.
 */
public final class Tables {

    private Tables() {}

    /**
     * Creates each table that does not exist yet and waits until both are active.
     *
     * @throws IllegalStateException if a table exists with other keys, as one made by an older version of the
     *                               consumer (one aggregates item per window) is: its writes would all fail
     */
    public static void ensureBoth(DynamoDbClient dynamo, String aggregatesTable, String rejectsTable) {
        for (CreateTableRequest request : both(aggregatesTable, rejectsTable)) {
            try {
                requireKeys(
                        dynamo.describeTable(b -> b.tableName(request.tableName()))
                                .table(),
                        request);
            } catch (ResourceNotFoundException missing) {
                dynamo.createTable(request);
            }
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(request.tableName()));
        }
    }

    /** Creates both tables and waits until they are active. */
    public static void createBoth(DynamoDbClient dynamo, String aggregatesTable, String rejectsTable) {
        for (CreateTableRequest request : both(aggregatesTable, rejectsTable)) {
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
        return schema.stream()
                .map(key -> key.attributeName() + " (" + key.keyTypeAsString() + ")")
                .collect(Collectors.joining(", "));
    }

    private static List<CreateTableRequest> both(String aggregatesTable, String rejectsTable) {
        return List.of(AggregatesTable.createRequest(aggregatesTable), RejectsTable.createRequest(rejectsTable));
    }
}
