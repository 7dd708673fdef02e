package io.msklambda.tests.support;

import static io.msklambda.consumer.AggregatesTable.AVG;
import static io.msklambda.consumer.AggregatesTable.COUNT;
import static io.msklambda.consumer.AggregatesTable.MAX;
import static io.msklambda.consumer.AggregatesTable.MIN;
import static io.msklambda.consumer.AggregatesTable.SERIES;
import static io.msklambda.consumer.AggregatesTable.SOURCE;
import static io.msklambda.consumer.AggregatesTable.SUM;
import static io.msklambda.consumer.AggregatesTable.WINDOW_END;
import static io.msklambda.consumer.AggregatesTable.WINDOW_SOURCE;
import static io.msklambda.consumer.AggregatesTable.WINDOW_START;

import io.msklambda.consumer.RejectsTable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the aggregates table holds, read with a consistent scan, as comparable values. The consumer keeps a window as
 * one item per source partition; this combines them as a reader would, with arithmetic of its own (only the
 * attribute names come from {@code AggregatesTable} and {@code RejectsTable}).
 */
public final class StoredItems {

    private static final MathContext DYNAMODB_DIGITS = new MathContext(38, RoundingMode.HALF_EVEN);

    private StoredItems() {}

    /** Every window, its items combined, keyed {@code series@window_start}. */
    public static Map<String, Stats> aggregates(DynamoDbClient dynamo, String table) {
        Map<String, List<Map<String, AttributeValue>>> windows = new TreeMap<>();
        items(dynamo, table)
                .values()
                .forEach(item -> windows.computeIfAbsent(
                                item.get(SERIES).s() + "@"
                                        + item.get(WINDOW_START).s(),
                                k -> new ArrayList<>())
                        .add(item));
        Map<String, Stats> combined = new TreeMap<>();
        windows.forEach((window, items) -> combined.put(window, Stats.combine(items)));
        return combined;
    }

    /** Every stored item as it is, keyed {@code series@window_source}. */
    public static Map<String, Map<String, AttributeValue>> items(DynamoDbClient dynamo, String table) {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true))
                .items()
                .forEach(item -> items.put(
                        item.get(SERIES).s() + "@" + item.get(WINDOW_SOURCE).s(), item));
        return items;
    }

    /** Every reject, keyed {@code source@offset}. */
    public static Map<String, Map<String, AttributeValue>> rejects(DynamoDbClient dynamo, String table) {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true))
                .items()
                .forEach(item -> items.put(
                        item.get(RejectsTable.SOURCE).s() + "@"
                                + item.get(RejectsTable.OFFSET).n(),
                        item));
        return items;
    }

    /**
     * A window's statistics with numbers normalised (trailing zeros stripped), so that equal values compare
     * equal whatever their scale.
     */
    public record Stats(long count, BigDecimal sum, BigDecimal avg, BigDecimal min, BigDecimal max, String windowEnd) {

        /**
         * A window's items combined: counts and sums add, minimum and maximum combine, and the average is the
         * combined sum over the combined count. Fails if an item disagrees with itself (its key, its own average)
         * or with the others on the window's end, since a reader of one item would then be misled.
         */
        static Stats combine(List<Map<String, AttributeValue>> items) {
            long count = 0;
            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal min = null;
            BigDecimal max = null;
            String windowEnd = items.get(0).get(WINDOW_END).s();
            for (Map<String, AttributeValue> item : items) {
                requireConsistent(item, windowEnd);
                count += Long.parseLong(item.get(COUNT).n());
                sum = sum.add(number(item, SUM));
                min = min == null || number(item, MIN).compareTo(min) < 0 ? number(item, MIN) : min;
                max = max == null || number(item, MAX).compareTo(max) > 0 ? number(item, MAX) : max;
            }
            BigDecimal avg = sum.divide(BigDecimal.valueOf(count), DYNAMODB_DIGITS);
            return new Stats(
                    count,
                    sum.stripTrailingZeros(),
                    avg.stripTrailingZeros(),
                    min.stripTrailingZeros(),
                    max.stripTrailingZeros(),
                    windowEnd);
        }

        private static void requireConsistent(Map<String, AttributeValue> item, String windowEnd) {
            // rebuilt here rather than with AggregatesTable.windowSourceOf, so that it checks the consumer's sort key
            String key = item.get(WINDOW_START).s() + "#" + item.get(SOURCE).s();
            BigDecimal ownAverage = number(item, SUM)
                    .divide(new BigDecimal(item.get(COUNT).n()), DYNAMODB_DIGITS)
                    .stripTrailingZeros();
            if (!key.equals(item.get(WINDOW_SOURCE).s())
                    || !item.get(WINDOW_END).s().equals(windowEnd)
                    || ownAverage.compareTo(number(item, AVG)) != 0) {
                throw new AssertionError("an item that disagrees with itself or its window: " + item);
            }
        }

        private static BigDecimal number(Map<String, AttributeValue> item, String name) {
            return new BigDecimal(item.get(name).n()).stripTrailingZeros();
        }
    }
}
