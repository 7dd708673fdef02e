package io.msklambda.consumer;

import io.msklambda.model.AggregatedDecimal;
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
 * One {@link AggregatesTable} item: a series' statistics in one window from one source partition, and the highest
 * offset of that partition already counted ({@code applied}).
 *
 * <p>Every attribute a reader needs to combine a window's items exactly is stored: {@code count} and {@code sum}
 * add, {@code min} and {@code max} combine, and the window's average is the combined sum over the combined count
 * (not an average of the items' {@code avg}s, which would weigh a small partition like a large one).
 *
 * @param key series, window and source partition
 * @param stats count, sum, min, max of the records counted
 * @param applied the highest offset of the source partition counted in {@code stats}
 * @param updatedAt when this state was written
 */
record AggregateItem(ItemKey key, WindowStats stats, long applied, Instant updatedAt) {

    AggregateItem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(stats, "stats");
    }

    /**
     * This item with the observations it has not counted yet, or empty when it has counted them all. Only offsets
     * above the watermark are new: the trigger delivers each partition in offset order, so everything an item has
     * counted from its partition is a prefix of that partition. Every write therefore raises {@code applied}.
     *
     * @param current the stored item, or null for one not yet written
     * @param observations the batch's observations of this item, all from its source partition
     */
    static Optional<AggregateItem> merge(
            AggregateItem current, ItemKey key, List<Observation> observations, Instant now) {
        long watermark = current == null ? -1 : current.applied();
        long highest = watermark;
        // WindowStats.of and plus, step by step, without a WindowStats per observation
        long count = current == null ? 0 : current.stats().count();
        BigDecimal sum = current == null ? null : current.stats().sum();
        BigDecimal min = current == null ? null : current.stats().min();
        BigDecimal max = current == null ? null : current.stats().max();
        for (Observation observation : observations) {
            if (observation.offset() > watermark) {
                refuseBeyondMaxCount(key, count);
                BigDecimal value = observation.value();
                if (sum == null) {
                    sum = value;
                    min = value;
                    max = value;
                } else {
                    sum = sum.add(value);
                    min = min.min(value);
                    max = max.max(value);
                }
                count++;
                highest = Math.max(highest, observation.offset());
            }
        }
        return highest == watermark
                ? Optional.empty()
                : Optional.of(new AggregateItem(key, new WindowStats(count, sum, min, max), highest, now));
    }

    /**
     * Fails loudly rather than write a sum DynamoDB refuses: {@link AggregatedDecimal} keeps the sum of up to
     * {@value AggregatedDecimal#MAX_COUNT} values within DynamoDB's 38 digits, not of one more.
     *
     * @throws IllegalStateException if an item that already counts {@code count} records may not count another
     */
    static void refuseBeyondMaxCount(ItemKey key, long count) {
        if (count >= AggregatedDecimal.MAX_COUNT) {
            throw new IllegalStateException(key + " already counts " + count + " records, the most one item holds: its"
                    + " sum could exceed DynamoDB's 38 digits (see README \"Precision\")");
        }
    }

    /** The whole item, as {@link AggregatesTable} describes it. */
    Map<String, AttributeValue> toAttributes() {
        Map<String, AttributeValue> item = new HashMap<>(24);
        item.putAll(keyOf(key));
        item.put(AggregatesTable.WINDOW_START, AttributeValue.fromS(key.windowStart()));
        item.put(AggregatesTable.WINDOW_END, AttributeValue.fromS(key.window().endKey()));
        item.put(AggregatesTable.SOURCE, AttributeValue.fromS(key.source()));
        item.putAll(AggregatesTable.attributesOf(stats));
        item.put(AggregatesTable.UPDATED_AT, AttributeValue.fromS(updatedAt.toString()));
        item.put(AggregatesTable.APPLIED, AttributeValue.fromN(Long.toString(applied)));
        return item;
    }

    static AggregateItem fromAttributes(Map<String, AttributeValue> item, TumblingWindows windows) {
        Instant start = Instant.parse(item.get(AggregatesTable.WINDOW_START).s());
        ItemKey key = new ItemKey(
                item.get(AggregatesTable.SERIES).s(),
                windows.windowOf(start),
                item.get(AggregatesTable.SOURCE).s());
        return new AggregateItem(
                key,
                AggregatesTable.statsOf(item),
                Long.parseLong(item.get(AggregatesTable.APPLIED).n()),
                Instant.parse(item.get(AggregatesTable.UPDATED_AT).s()));
    }

    static Map<String, AttributeValue> keyOf(ItemKey key) {
        return AggregatesTable.keyOf(key.series(), key.windowStart(), key.source());
    }
}
