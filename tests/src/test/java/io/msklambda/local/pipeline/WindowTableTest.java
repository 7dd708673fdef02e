package io.msklambda.local.pipeline;

import static io.msklambda.consumer.AggregatesTable.AVG;
import static io.msklambda.consumer.AggregatesTable.COUNT;
import static io.msklambda.consumer.AggregatesTable.MAX;
import static io.msklambda.consumer.AggregatesTable.MIN;
import static io.msklambda.consumer.AggregatesTable.ORDERS_SERIES;
import static io.msklambda.consumer.AggregatesTable.SERIES;
import static io.msklambda.consumer.AggregatesTable.SOURCE;
import static io.msklambda.consumer.AggregatesTable.SUM;
import static io.msklambda.consumer.AggregatesTable.WINDOW_END;
import static io.msklambda.consumer.AggregatesTable.WINDOW_SOURCE;
import static io.msklambda.consumer.AggregatesTable.WINDOW_START;
import static io.msklambda.consumer.AggregatesTable.windowSourceOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msklambda.consumer.AggregatesTable;
import io.msklambda.tests.support.LocalServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * {@link WindowTable} is package-private, so its test lives in its package (in the tests module, beside the
 * real DynamoDB Local it needs).
 */
class WindowTableTest {

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    @Test
    void aWindowFedByTwoPartitionsIsOneRowWithItsItemsCombined() {
        // Given one orders window kept as two items, one per source partition (avg of the avgs would be 4.83)
        String table = "aggregates-" + UUID.randomUUID();
        SERVICES.dynamo().createTable(AggregatesTable.createRequest(table));
        put(table, "orders-1", 1, "7", "7", "7", "7");
        put(table, "orders-2", 3, "8", "2.6666666666666666666666666666666666667", "1", "4");

        // When the pipeline reads the windows
        WindowTable windows = WindowTable.read(SERVICES.dynamo(), table);

        // Then the window has both items' records: counts and sums added, the least min, the greatest max
        StringWriter out = new StringWriter();
        windows.print(new PrintWriter(out, true), 10, 10);
        assertThat(out.toString())
                .isEqualTo(String.format("series       window_start            count       avg       min       max%n"
                        + "orders       2026-03-09T21:05:00Z        4      3.75      1.00      7.00%n"));
        assertThat(windows.countsPerSeries()).isEqualTo(Map.of(ORDERS_SERIES, 4L));
        assertThat(windows.totalCount()).isEqualTo(4);
    }

    private static void put(String table, String source, long count, String sum, String avg, String min, String max) {
        SERVICES.dynamo()
                .putItem(b -> b.tableName(table)
                        .item(Map.ofEntries(
                                Map.entry(SERIES, AttributeValue.fromS(ORDERS_SERIES)),
                                Map.entry(
                                        WINDOW_SOURCE,
                                        AttributeValue.fromS(windowSourceOf("2026-03-09T21:05:00Z", source))),
                                Map.entry(WINDOW_START, AttributeValue.fromS("2026-03-09T21:05:00Z")),
                                Map.entry(WINDOW_END, AttributeValue.fromS("2026-03-09T21:06:00Z")),
                                Map.entry(SOURCE, AttributeValue.fromS(source)),
                                Map.entry(COUNT, AttributeValue.fromN(Long.toString(count))),
                                Map.entry(SUM, AttributeValue.fromN(sum)),
                                Map.entry(AVG, AttributeValue.fromN(avg)),
                                Map.entry(MIN, AttributeValue.fromN(min)),
                                Map.entry(MAX, AttributeValue.fromN(max)))));
    }

    @Test
    void readingATableThatDoesNotExistNamesTheTableAndTheEndpoint() {
        // Given a DynamoDB without the aggregates table, as one that came back empty
        String endpoint = SERVICES.dynamoDb().endpoint().toString();

        // When the pipeline reads the windows, then it fails saying which table is missing where
        assertThatThrownBy(() -> WindowTable.read(SERVICES.dynamo(), "aggregates-missing"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("aggregates table aggregates-missing does not exist at " + endpoint
                        + ": was DynamoDB restarted without its tables?")
                .hasCauseInstanceOf(ResourceNotFoundException.class);
    }
}
