package io.msklambda.local.pipeline;

import io.msklambda.consumer.AggregatesTable;
import io.msklambda.consumer.WindowStats;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The aggregates table as a person reads it: per series, its latest windows. The consumer stores a window as one item
 * per source partition; a window's statistics here are its items combined (counts and sums added, the least minimum,
 * the greatest maximum, the average of the combined sum and count).
 */
final class WindowTable {

    /** One window, its items combined. */
    record Row(String series, String windowStart, WindowStats stats) {}

    private final Map<String, List<Row>> bySeries = new TreeMap<>(WindowTable::compareSeries);

    /**
     * Reads the whole table.
     *
     * @throws IllegalStateException if the table does not exist, as after a DynamoDB that came back empty
     */
    static WindowTable read(DynamoDbClient dynamo, String table) {
        Map<String, Map<String, WindowStats>> combined = new HashMap<>();
        try {
            dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true))
                    .items()
                    .forEach(item -> combined.computeIfAbsent(
                                    item.get(AggregatesTable.SERIES).s(), k -> new HashMap<>())
                            .merge(
                                    item.get(AggregatesTable.WINDOW_START).s(),
                                    AggregatesTable.statsOf(item),
                                    WindowStats::plus));
        } catch (ResourceNotFoundException missing) {
            String endpoint = dynamo.serviceClientConfiguration()
                    .endpointOverride()
                    .map(Object::toString)
                    .orElse("the region's DynamoDB endpoint");
            throw new IllegalStateException(
                    "aggregates table " + table + " does not exist at " + endpoint
                            + ": was DynamoDB restarted without its tables?",
                    missing);
        }
        WindowTable windows = new WindowTable();
        combined.forEach((series, starts) -> windows.bySeries.put(
                series,
                starts.entrySet().stream()
                        .map(window -> new Row(series, window.getKey(), window.getValue()))
                        .sorted(Comparator.comparing(Row::windowStart))
                        .toList()));
        return windows;
    }

    /** Per series, the sum of its windows' counts. */
    Map<String, Long> countsPerSeries() {
        Map<String, Long> counts = new TreeMap<>();
        bySeries.forEach((series, rows) -> counts.put(
                series, rows.stream().mapToLong(row -> row.stats().count()).sum()));
        return counts;
    }

    long totalCount() {
        return bySeries.values().stream()
                .flatMap(List::stream)
                .mapToLong(row -> row.stats().count())
                .sum();
    }

    /**
     * Prints the latest {@code windowsPerSeries} windows of the first {@code maxSeries} series (devices in
     * number order), then how many series were left out.
     */
    void print(PrintWriter out, int maxSeries, int windowsPerSeries) {
        out.printf("%-12s %-20s %8s %9s %9s %9s%n", "series", "window_start", "count", "avg", "min", "max");
        int shown = 0;
        for (Map.Entry<String, List<Row>> series : bySeries.entrySet()) {
            if (shown++ == maxSeries) {
                out.printf("... and %d more series%n", bySeries.size() - maxSeries);
                break;
            }
            List<Row> rows = series.getValue();
            for (Row row : rows.subList(Math.max(0, rows.size() - windowsPerSeries), rows.size())) {
                WindowStats stats = row.stats();
                out.printf(
                        "%-12s %-20s %8d %9s %9s %9s%n",
                        row.series(),
                        row.windowStart(),
                        stats.count(),
                        round(stats.average()),
                        round(stats.min()),
                        round(stats.max()));
            }
        }
    }

    private static String round(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** {@code device#2} before {@code device#10}; other series after the devices, by name. */
    private static int compareSeries(String a, String b) {
        String prefix = AggregatesTable.DEVICE_SERIES_PREFIX;
        boolean da = a.startsWith(prefix);
        boolean db = b.startsWith(prefix);
        if (da && db) {
            return Long.compare(
                    Long.parseLong(a.substring(prefix.length())), Long.parseLong(b.substring(prefix.length())));
        }
        return da != db ? (da ? -1 : 1) : a.compareTo(b);
    }
}
