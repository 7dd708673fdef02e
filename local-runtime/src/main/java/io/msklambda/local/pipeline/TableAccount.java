package io.msklambda.local.pipeline;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The tables' own account, read back at the end of a run: the windows the consumer aggregated and the records it
 * rejected.
 */
record TableAccount(WindowTable windows, long rejected) {

    static TableAccount read(DynamoDbClient dynamo, String aggregatesTable, String rejectsTable) {
        WindowTable windows = WindowTable.read(dynamo, aggregatesTable);
        long rejected = dynamo.scanPaginator(b -> b.tableName(rejectsTable).select("COUNT")).stream()
                .mapToLong(page -> page.count())
                .sum();
        return new TableAccount(windows, rejected);
    }
}
