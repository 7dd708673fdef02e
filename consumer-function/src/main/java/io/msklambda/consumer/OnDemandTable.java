package io.msklambda.consumer;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** A table billed on demand with a partition and a sort key, as both of {@code template.yaml}'s tables are. */
final class OnDemandTable {

    private OnDemandTable() {}

    static CreateTableRequest keyed(
            String tableName, String hash, ScalarAttributeType hashType, String range, ScalarAttributeType rangeType) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(
                        KeySchemaElement.builder()
                                .attributeName(hash)
                                .keyType(KeyType.HASH)
                                .build(),
                        KeySchemaElement.builder()
                                .attributeName(range)
                                .keyType(KeyType.RANGE)
                                .build())
                .attributeDefinitions(
                        AttributeDefinition.builder()
                                .attributeName(hash)
                                .attributeType(hashType)
                                .build(),
                        AttributeDefinition.builder()
                                .attributeName(range)
                                .attributeType(rangeType)
                                .build())
                .build();
    }
}
