package io.msklambda.tests.support;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the aggregates table holds, read with a consistent scan, as comparable values. */
public final class StoredItems {

    private StoredItems() {
    }

    /** Every item as its statistics, keyed {@code series@window_start}. */
    public static Map<String, Stats> aggregates(DynamoDbClient dynamo, String table) {
        Map<String, Stats> items = new TreeMap<>();
        dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(item ->
                items.put(item.get("series").s() + "@" + item.get("window_start").s(), Stats.of(item)));
        return items;
    }

    /** Every reject, keyed {@code source@offset}. */
    public static Map<String, Map<String, AttributeValue>> rejects(DynamoDbClient dynamo, String table) {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(item ->
                items.put(item.get("source").s() + "@" + item.get("offset").n(), item));
        return items;
    }

    /**
     * An item's statistics with numbers normalised (trailing zeros stripped), so that equal values compare
     * equal whatever their scale.
     */
    public record Stats(long count, BigDecimal sum, BigDecimal avg, BigDecimal min, BigDecimal max, String windowEnd) {

        static Stats of(Map<String, AttributeValue> item) {
            return new Stats(Long.parseLong(item.get("count").n()), number(item, "sum"), number(item, "avg"),
                    number(item, "min"), number(item, "max"), item.get("window_end").s());
        }

        private static BigDecimal number(Map<String, AttributeValue> item, String name) {
            return new BigDecimal(item.get(name).n()).stripTrailingZeros();
        }
    }
}
