package io.msklambda.consumer;

import io.msklambda.model.Event;
import io.msklambda.model.PresetObserver;
import java.math.BigDecimal;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The aggregates table as the consumer writes it, for every reader and writer of it (the consumer, the local runtime,
 * the tests): its key, its attribute names, how a series is named, and a window's statistics read back from an item.
 *
 * <p>One item holds one series' statistics in one window from one source partition. Its partition key is
 * {@link #SERIES} ({@code device#17} or {@code orders} for the presets, else what the record observer reads, such as
 * a page or a vehicle id); its sort key {@link #WINDOW_SOURCE} is
 * {@code <window start>#<topic-partition>} ({@code 2026-03-09T21:05:00Z#orders-3}): the start is fixed-width ISO-8601
 * UTC, so a window's items are exactly the sort keys that begin with it. A window's statistics are its items combined:
 * {@link #COUNT} and {@link #SUM} add, {@link #MIN} and {@link #MAX} combine, the average is the combined sum over the
 * combined count. {@code AggregateStore} says why a window is split by source partition; {@code template.yaml}'s
 * {@code AggregatesTable} declares the same key.
 */
public final class AggregatesTable {

    /** Partition key (S): the series, {@code device#<id>} or {@code orders}, or a reading's series. */
    public static final String SERIES = "series";
    /** Sort key (S): {@code <window start>#<topic-partition>}, see {@link #windowSourceOf}. */
    public static final String WINDOW_SOURCE = "window_source";
    /** The window's start (S, ISO-8601 UTC, whole seconds), as in the sort key. */
    public static final String WINDOW_START = "window_start";
    /** The window's end, exclusive (S, ISO-8601 UTC). */
    public static final String WINDOW_END = "window_end";
    /** The source partition whose records the item counts (S, {@code topic-partition}), as in the sort key. */
    public static final String SOURCE = "source";
    /** Records counted (N). */
    public static final String COUNT = "count";
    /** Their metric's exact sum (N). */
    public static final String SUM = "sum";
    /** {@code sum / count} at DynamoDB's 38 digits (N); a window's average is not the average of its items'. */
    public static final String AVG = "avg";
    /** The least metric counted (N). */
    public static final String MIN = "min";
    /** The greatest metric counted (N). */
    public static final String MAX = "max";
    /** When the item was written (S, ISO-8601 UTC). */
    public static final String UPDATED_AT = "updated_at";
    /** The highest offset of the source partition counted (N): what makes a redelivery harmless. */
    public static final String APPLIED = "applied";

    /** A telemetry series is this prefix and the device id ({@link PresetObserver} names the presets' series). */
    public static final String DEVICE_SERIES_PREFIX = PresetObserver.DEVICE_SERIES_PREFIX;
    /** The one series of all orders (metric: units per order). */
    public static final String ORDERS_SERIES = PresetObserver.ORDERS_SERIES;

    private AggregatesTable() {}

    /**
     * The series a preset's event is counted in: {@code device#<id>} for telemetry, {@code orders} for an order. A
     * record read by another {@link io.msklambda.model.RecordObserver} is counted in its reading's series.
     */
    public static String seriesOf(Event event) {
        return PresetObserver.seriesOf(event);
    }

    /** {@code device#17}. */
    public static String deviceSeries(int deviceId) {
        return PresetObserver.deviceSeries(deviceId);
    }

    /** {@code topic-partition}: the {@link #SOURCE} of an item, and the rejects table's {@link RejectsTable#SOURCE}. */
    public static String sourceOf(String topic, int partition) {
        return topic + "-" + partition;
    }

    /** The sort key, {@code 2026-03-09T21:05:00Z#orders-3}. */
    public static String windowSourceOf(String windowStart, String source) {
        return windowStart + "#" + source;
    }

    /** The primary key of one series' item for one window and source partition. */
    public static Map<String, AttributeValue> keyOf(String series, String windowStart, String source) {
        return Map.of(
                SERIES,
                AttributeValue.fromS(series),
                WINDOW_SOURCE,
                AttributeValue.fromS(windowSourceOf(windowStart, source)));
    }

    /** An item's statistics attributes: {@link #COUNT}, {@link #SUM}, {@link #AVG}, {@link #MIN}, {@link #MAX}. */
    public static Map<String, AttributeValue> attributesOf(WindowStats stats) {
        return Map.of(
                COUNT,
                AttributeValue.fromN(Long.toString(stats.count())),
                SUM,
                number(stats.sum()),
                AVG,
                number(stats.average()),
                MIN,
                number(stats.min()),
                MAX,
                number(stats.max()));
    }

    /** The statistics an item holds: its count, sum, min and max (its average follows from them). */
    public static WindowStats statsOf(Map<String, AttributeValue> item) {
        return new WindowStats(
                Long.parseLong(item.get(COUNT).n()),
                new BigDecimal(item.get(SUM).n()),
                new BigDecimal(item.get(MIN).n()),
                new BigDecimal(item.get(MAX).n()));
    }

    /**
     * The table as {@code template.yaml} declares it (on-demand, keyed {@link #SERIES} and {@link #WINDOW_SOURCE}),
     * for the local runtime to create.
     */
    public static CreateTableRequest createRequest(String tableName) {
        return OnDemandTable.keyed(tableName, SERIES, ScalarAttributeType.S, WINDOW_SOURCE, ScalarAttributeType.S);
    }

    private static AttributeValue number(BigDecimal value) {
        return AttributeValue.fromN(value.toPlainString());
    }
}
