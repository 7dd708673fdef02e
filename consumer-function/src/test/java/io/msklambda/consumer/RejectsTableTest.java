package io.msklambda.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.model.RejectReason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The table's layout, spelled out literally: what every stored reject and every reader depends on. */
class RejectsTableTest {

    @Test
    void isCreatedOnDemandKeyedBySourceAndOffset() {
        assertThat(RejectsTable.createRequest("t-rejects"))
                .isEqualTo(CreateTableRequest.builder()
                        .tableName("t-rejects")
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(
                                KeySchemaElement.builder()
                                        .attributeName("source")
                                        .keyType(KeyType.HASH)
                                        .build(),
                                KeySchemaElement.builder()
                                        .attributeName("offset")
                                        .keyType(KeyType.RANGE)
                                        .build())
                        .attributeDefinitions(
                                AttributeDefinition.builder()
                                        .attributeName("source")
                                        .attributeType(ScalarAttributeType.S)
                                        .build(),
                                AttributeDefinition.builder()
                                        .attributeName("offset")
                                        .attributeType(ScalarAttributeType.N)
                                        .build())
                        .build());
    }

    @Test
    void aRejectIsStoredUnderItsPositionWithEverythingToFindAndReplayIt() {
        RejectStore store =
                new RejectStore(null, "t-rejects", Clock.fixed(Instant.parse("2026-03-09T21:07:00Z"), ZoneOffset.UTC));
        Reject reject = new Reject(
                "telemetry",
                4,
                103,
                1773090300003L,
                RejectReason.NOT_JSON,
                "not JSON at 0",
                "Hello".getBytes(StandardCharsets.UTF_8));

        assertThat(store.item(reject))
                .isEqualTo(Map.of(
                        "source", AttributeValue.fromS("telemetry-4"),
                        "offset", AttributeValue.fromN("103"),
                        "topic", AttributeValue.fromS("telemetry"),
                        "partition", AttributeValue.fromN("4"),
                        "reason", AttributeValue.fromS("NOT_JSON"),
                        "detail", AttributeValue.fromS("not JSON at 0"),
                        "kafka_timestamp", AttributeValue.fromN("1773090300003"),
                        "rejected_at", AttributeValue.fromS("2026-03-09T21:07:00Z"),
                        "raw_size", AttributeValue.fromN("5"),
                        "raw", AttributeValue.fromB(SdkBytes.fromUtf8String("Hello"))));
    }
}
