package io.msklambda.consumer;

import io.msklambda.model.TumblingWindows;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One aggregates-table item: a series' statistics in one window, the highest offset of each source partition
 * already applied to it ({@code applied}), and a {@code version} that every write increments.
 *
 * @param key series and window
 * @param stats count, sum, min, max
 * @param applied {@code topic-partition} to the highest offset already counted in {@code stats}
 * @param version the write that produced this state, 1 for the first
 * @param updatedAt when that write was made
 */
record AggregateItem(ItemKey key, WindowStats stats, Map<String, Long> applied, long version, Instant updatedAt) {

    static final String SERIES = "series";
    static final String WINDOW_START = "window_start";
    static final String WINDOW_END = "window_end";
    static final String COUNT = "count";
    static final String SUM = "sum";
    static final String AVG = "avg";
    static final String MIN = "min";
    static final String MAX = "max";
    static final String UPDATED_AT = "updated_at";
    static final String APPLIED = "applied";
    static final String VERSION = "version";

    AggregateItem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(stats, "stats");
        applied = Map.copyOf(applied);
    }

    /**
     * This item with the observations it has not counted yet, or empty when it has counted them all.
     * Per source partition, only offsets above the watermark are new: the trigger delivers each partition in
     * offset order, so everything an item has counted from a partition is a prefix of that partition.
     *
     * @param current the stored item, or null for a window not yet written
     */
    static Optional<AggregateItem> merge(AggregateItem current, ItemKey key,
                                         Map<String, List<Observation>> bySource, Instant now) {
        WindowStats stats = current == null ? null : current.stats();
        Map<String, Long> applied = new HashMap<>(current == null ? Map.of() : current.applied());
        boolean changed = false;
        for (Map.Entry<String, List<Observation>> source : bySource.entrySet()) {
            long watermark = applied.getOrDefault(source.getKey(), -1L);
            long highest = watermark;
            for (Observation observation : source.getValue()) {
                if (observation.offset() > watermark) {
                    stats = stats == null ? WindowStats.of(observation.value()) : stats.plus(observation.value());
                    highest = Math.max(highest, observation.offset());
                    changed = true;
                }
            }
            applied.put(source.getKey(), highest);
        }
        if (!changed) {
            return Optional.empty();
        }
        long version = current == null ? 1 : current.version() + 1;
        return Optional.of(new AggregateItem(key, stats, applied, version, now));
    }

    Map<String, AttributeValue> toAttributes() {
        Map<String, AttributeValue> appliedMap = new HashMap<>();
        applied.forEach((source, offset) -> appliedMap.put(source, number(offset)));
        return Map.ofEntries(
                Map.entry(SERIES, AttributeValue.fromS(key.series())),
                Map.entry(WINDOW_START, AttributeValue.fromS(key.windowStart())),
                Map.entry(WINDOW_END, AttributeValue.fromS(key.window().endKey())),
                Map.entry(COUNT, number(stats.count())),
                Map.entry(SUM, number(stats.sum())),
                Map.entry(AVG, number(stats.average())),
                Map.entry(MIN, number(stats.min())),
                Map.entry(MAX, number(stats.max())),
                Map.entry(UPDATED_AT, AttributeValue.fromS(updatedAt.toString())),
                Map.entry(APPLIED, AttributeValue.fromM(appliedMap)),
                Map.entry(VERSION, number(version)));
    }

    static AggregateItem fromAttributes(Map<String, AttributeValue> item, TumblingWindows windows) {
        Instant start = Instant.parse(item.get(WINDOW_START).s());
        ItemKey key = new ItemKey(item.get(SERIES).s(), windows.windowOf(start));
        WindowStats stats = new WindowStats(Long.parseLong(item.get(COUNT).n()), new BigDecimal(item.get(SUM).n()),
                new BigDecimal(item.get(MIN).n()), new BigDecimal(item.get(MAX).n()));
        Map<String, Long> applied = new HashMap<>();
        item.get(APPLIED).m().forEach((source, offset) -> applied.put(source, Long.parseLong(offset.n())));
        return new AggregateItem(key, stats, applied, Long.parseLong(item.get(VERSION).n()),
                Instant.parse(item.get(UPDATED_AT).s()));
    }

    static Map<String, AttributeValue> keyOf(ItemKey key) {
        return Map.of(SERIES, AttributeValue.fromS(key.series()), WINDOW_START, AttributeValue.fromS(key.windowStart()));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static AttributeValue number(BigDecimal value) {
        return AttributeValue.fromN(value.toPlainString());
    }
}
