package io.msklambda.local.pipeline;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** The aggregates table as a person reads it: per series, its latest windows. */
final class WindowTable {

    /** One stored window. */
    record Row(String series, String windowStart, long count, BigDecimal avg, BigDecimal min, BigDecimal max) {
    }

    private final Map<String, List<Row>> bySeries = new TreeMap<>(WindowTable::compareSeries);

    /**
     * Reads the whole table.
     *
     * @throws IllegalStateException if the table does not exist, as after a DynamoDB that came back empty
     */
    static WindowTable read(DynamoDbClient dynamo, String table) {
        WindowTable windows = new WindowTable();
        try {
            dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(item ->
                    windows.bySeries.computeIfAbsent(item.get("series").s(), k -> new ArrayList<>()).add(row(item)));
        } catch (ResourceNotFoundException missing) {
            String endpoint = dynamo.serviceClientConfiguration().endpointOverride()
                    .map(Object::toString).orElse("the region's DynamoDB endpoint");
            throw new IllegalStateException("aggregates table " + table + " does not exist at " + endpoint
                    + ": was DynamoDB restarted without its tables?", missing);
        }
        windows.bySeries.values().forEach(rows -> rows.sort(Comparator.comparing(Row::windowStart)));
        return windows;
    }

    /** Per series, the sum of its windows' counts. */
    Map<String, Long> countsPerSeries() {
        Map<String, Long> counts = new TreeMap<>();
        bySeries.forEach((series, rows) -> counts.put(series, rows.stream().mapToLong(Row::count).sum()));
        return counts;
    }

    long totalCount() {
        return bySeries.values().stream().flatMap(List::stream).mapToLong(Row::count).sum();
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
                out.printf("%-12s %-20s %8d %9s %9s %9s%n", row.series(), row.windowStart(), row.count(),
                        round(row.avg()), round(row.min()), round(row.max()));
            }
        }
    }

    private static Row row(Map<String, AttributeValue> item) {
        return new Row(item.get("series").s(), item.get("window_start").s(), Long.parseLong(item.get("count").n()),
                new BigDecimal(item.get("avg").n()), new BigDecimal(item.get("min").n()), new BigDecimal(item.get("max").n()));
    }

    private static String round(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** {@code device#2} before {@code device#10}; other series after the devices, by name. */
    private static int compareSeries(String a, String b) {
        boolean da = a.startsWith("device#");
        boolean db = b.startsWith("device#");
        if (da && db) {
            return Long.compare(Long.parseLong(a.substring(7)), Long.parseLong(b.substring(7)));
        }
        return da != db ? (da ? -1 : 1) : a.compareTo(b);
    }
}
