package io.msklambda.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msklambda.model.AggregatedDecimal;
import io.msklambda.model.TumblingWindows;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class AggregateItemTest {

    private static final TumblingWindows WINDOWS = TumblingWindows.ofSeconds(60);
    private static final ItemKey KEY =
            new ItemKey("device#1", WINDOWS.windowOf(Instant.parse("2026-03-09T21:05:00Z")), "telemetry-12");
    private static final Instant NOW = Instant.parse("2026-03-09T21:07:00Z");

    private static Observation at(long offset, String value) {
        return new Observation(offset, KEY, new BigDecimal(value));
    }

    @Test
    void aNewItemCountsEverythingAndRecordsTheHighestOffset() {
        Optional<AggregateItem> item =
                AggregateItem.merge(null, KEY, List.of(at(3, "27.4"), at(7, "28.0"), at(5, "30.1")), NOW);
        assertThat(item)
                .contains(new AggregateItem(
                        KEY,
                        new WindowStats(3, new BigDecimal("85.5"), new BigDecimal("27.4"), new BigDecimal("30.1")),
                        7,
                        NOW));
    }

    @Test
    void refusesLoudlyToCountMoreRecordsThanASumWithin38DigitsAllows() {
        // Given an item of 9,999,999,997 values of -1E+15 and one of -1E-13, the extremes AggregatedDecimal allows
        BigDecimal largest = new BigDecimal("-1000000000000000.0");
        BigDecimal smallest = new BigDecimal("-1E-13");
        AggregateItem almostFull = new AggregateItem(
                KEY,
                new WindowStats(
                        9_999_999_998L,
                        largest.multiply(BigDecimal.valueOf(9_999_999_997L)).add(smallest),
                        largest,
                        smallest),
                41,
                NOW);

        // When it counts one more, its sum takes all of DynamoDB's 38 digits
        AggregateItem full = AggregateItem.merge(almostFull, KEY, List.of(new Observation(42, KEY, largest)), NOW)
                .orElseThrow();
        assertThat(full.stats().count()).isEqualTo(AggregatedDecimal.MAX_COUNT);
        assertThat(full.stats().sum()).isEqualTo(new BigDecimal("-9999999998000000000000000.0000000000001"));
        assertThat(full.stats().sum().precision()).isEqualTo(38);

        // Then one more is refused, loudly, rather than written as a sum DynamoDB refuses
        assertThatThrownBy(() -> AggregateItem.merge(full, KEY, List.of(new Observation(43, KEY, largest)), NOW))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(KEY + " already counts 9999999999 records, the most one item holds: its sum could exceed"
                        + " DynamoDB's 38 digits (see README \"Precision\")");
    }

    @Test
    void aReplayedBatchChangesNothing() {
        List<Observation> batch = List.of(at(3, "27.4"), at(7, "28.0"));
        AggregateItem first = AggregateItem.merge(null, KEY, batch, NOW).orElseThrow();
        assertThat(AggregateItem.merge(first, KEY, batch, NOW)).isEmpty();
    }

    @Test
    void anOverlappingBatchAddsOnlyOffsetsAboveTheWatermark() {
        AggregateItem first = AggregateItem.merge(null, KEY, List.of(at(3, "1"), at(7, "2")), NOW)
                .orElseThrow();
        AggregateItem second = AggregateItem.merge(first, KEY, List.of(at(7, "2"), at(9, "4"), at(10, "8")), NOW)
                .orElseThrow();
        assertThat(second)
                .isEqualTo(new AggregateItem(
                        KEY,
                        new WindowStats(4, new BigDecimal("15"), new BigDecimal("1"), new BigDecimal("8")),
                        10,
                        NOW));
    }

    @Test
    void sumsAreExactWhateverTheOrderOfAddition() {
        WindowStats forward = WindowStats.of(new BigDecimal("0.1"))
                .plus(new BigDecimal("0.2"))
                .plus(new BigDecimal("0.3"));
        WindowStats backward = WindowStats.of(new BigDecimal("0.3"))
                .plus(new BigDecimal("0.2"))
                .plus(new BigDecimal("0.1"));
        assertThat(forward).isEqualTo(backward);
        assertThat(forward.sum()).isEqualByComparingTo("0.6");
        assertThat(forward.average()).isEqualByComparingTo("0.2");
        assertThat(WindowStats.of(BigDecimal.ONE)
                        .plus(BigDecimal.ONE)
                        .plus(BigDecimal.ZERO)
                        .average()
                        .toPlainString())
                .isEqualTo("0.66666666666666666666666666666666666667");
    }

    /** The whole stored item, with its attribute names spelled out: the format every reader depends on. */
    @Test
    void isStoredUnderItsWindowAndSourceWithEverythingAReaderCombines() {
        AggregateItem item = AggregateItem.merge(null, KEY, List.of(at(3043205, "-4.25"), at(3043206, "-3.75")), NOW)
                .orElseThrow();
        assertThat(item.toAttributes())
                .isEqualTo(Map.ofEntries(
                        Map.entry("series", AttributeValue.fromS("device#1")),
                        Map.entry("window_source", AttributeValue.fromS("2026-03-09T21:05:00Z#telemetry-12")),
                        Map.entry("window_start", AttributeValue.fromS("2026-03-09T21:05:00Z")),
                        Map.entry("window_end", AttributeValue.fromS("2026-03-09T21:06:00Z")),
                        Map.entry("source", AttributeValue.fromS("telemetry-12")),
                        Map.entry("count", AttributeValue.fromN("2")),
                        Map.entry("sum", AttributeValue.fromN("-8.00")),
                        Map.entry("avg", AttributeValue.fromN("-4")),
                        Map.entry("min", AttributeValue.fromN("-4.25")),
                        Map.entry("max", AttributeValue.fromN("-3.75")),
                        Map.entry("updated_at", AttributeValue.fromS("2026-03-09T21:07:00Z")),
                        Map.entry("applied", AttributeValue.fromN("3043206"))));
        assertThat(AggregateItem.keyOf(KEY))
                .isEqualTo(Map.of(
                        "series",
                        AttributeValue.fromS("device#1"),
                        "window_source",
                        AttributeValue.fromS("2026-03-09T21:05:00Z#telemetry-12")));
    }

    @Test
    void survivesTheRoundTripThroughDynamoDbAttributes() {
        AggregateItem item = AggregateItem.merge(null, KEY, List.of(at(3043205, "-4.25")), NOW)
                .orElseThrow();
        assertThat(AggregateItem.fromAttributes(item.toAttributes(), WINDOWS)).isEqualTo(item);
    }
}
