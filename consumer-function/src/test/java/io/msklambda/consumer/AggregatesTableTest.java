package io.msklambda.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.model.Order;
import io.msklambda.model.OrderItem;
import io.msklambda.model.Telemetry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The table's layout, spelled out literally: what every stored item and every reader depends on. */
class AggregatesTableTest {

    private static final Instant AT = Instant.parse("2026-03-09T21:05:00.073Z");

    @Test
    void isCreatedOnDemandKeyedBySeriesAndWindowSource() {
        assertThat(AggregatesTable.createRequest("t-aggregates"))
                .isEqualTo(CreateTableRequest.builder()
                        .tableName("t-aggregates")
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(
                                KeySchemaElement.builder()
                                        .attributeName("series")
                                        .keyType(KeyType.HASH)
                                        .build(),
                                KeySchemaElement.builder()
                                        .attributeName("window_source")
                                        .keyType(KeyType.RANGE)
                                        .build())
                        .attributeDefinitions(
                                AttributeDefinition.builder()
                                        .attributeName("series")
                                        .attributeType(ScalarAttributeType.S)
                                        .build(),
                                AttributeDefinition.builder()
                                        .attributeName("window_source")
                                        .attributeType(ScalarAttributeType.S)
                                        .build())
                        .build());
    }

    @Test
    void namesATelemetrySeriesByItsDeviceAndEveryOrderTheOrdersSeries() {
        Order order = new Order("6049dc71-063b-49bd-8b68-f2326d1c8544", AT, "febxa", List.of(new OrderItem(4793, 8)));

        assertThat(AggregatesTable.seriesOf(new Telemetry(17, AT, 27.4))).isEqualTo("device#17");
        assertThat(AggregatesTable.seriesOf(order)).isEqualTo("orders");
        assertThat(AggregatesTable.deviceSeries(0)).isEqualTo("device#0");
    }

    @Test
    void keysAnItemBySeriesAndItsWindowStartThenSourcePartition() {
        assertThat(AggregatesTable.sourceOf("orders", 3)).isEqualTo("orders-3");
        assertThat(AggregatesTable.keyOf("orders", "2026-03-09T21:05:00Z", "orders-3"))
                .isEqualTo(Map.of(
                        "series", AttributeValue.fromS("orders"),
                        "window_source", AttributeValue.fromS("2026-03-09T21:05:00Z#orders-3")));
    }

    @Test
    void statisticsAreStoredAsPlainNumbersAndReadBackFromCountSumMinAndMax() {
        WindowStats stats = new WindowStats(3, new BigDecimal("1E+2"), new BigDecimal("20"), new BigDecimal("50.50"));

        Map<String, AttributeValue> attributes = AggregatesTable.attributesOf(stats);

        assertThat(attributes)
                .isEqualTo(Map.of(
                        "count",
                        AttributeValue.fromN("3"),
                        "sum",
                        AttributeValue.fromN("100"),
                        "avg",
                        AttributeValue.fromN("33.333333333333333333333333333333333333"),
                        "min",
                        AttributeValue.fromN("20"),
                        "max",
                        AttributeValue.fromN("50.50")));
        assertThat(AggregatesTable.statsOf(attributes))
                .isEqualTo(new WindowStats(3, new BigDecimal("100"), new BigDecimal("20"), new BigDecimal("50.50")));
    }
}
