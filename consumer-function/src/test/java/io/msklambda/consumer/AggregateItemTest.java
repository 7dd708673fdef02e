package io.msklambda.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.model.TumblingWindows;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AggregateItemTest {

    private static final TumblingWindows WINDOWS = TumblingWindows.ofSeconds(60);
    private static final ItemKey KEY = new ItemKey("device#1", WINDOWS.windowOf(Instant.parse("2026-03-09T21:05:00Z")));
    private static final Instant NOW = Instant.parse("2026-03-09T21:07:00Z");

    private static Observation at(String source, long offset, String value) {
        return new Observation(source, offset, KEY, new BigDecimal(value));
    }

    @Test
    void aNewItemCountsEverythingAndRecordsTheHighestOffsetPerSource() {
        Optional<AggregateItem> item = AggregateItem.merge(null, KEY, Map.of(
                "t-0", List.of(at("t-0", 3, "27.4"), at("t-0", 7, "28.0")),
                "t-1", List.of(at("t-1", 1, "30.1"))), NOW);
        assertThat(item).contains(new AggregateItem(KEY,
                new WindowStats(3, new BigDecimal("85.5"), new BigDecimal("27.4"), new BigDecimal("30.1")),
                Map.of("t-0", 7L, "t-1", 1L), 1, NOW));
    }

    @Test
    void aReplayedBatchChangesNothing() {
        Map<String, List<Observation>> batch = Map.of("t-0", List.of(at("t-0", 3, "27.4"), at("t-0", 7, "28.0")));
        AggregateItem first = AggregateItem.merge(null, KEY, batch, NOW).orElseThrow();
        assertThat(AggregateItem.merge(first, KEY, batch, NOW)).isEmpty();
    }

    @Test
    void anOverlappingBatchAddsOnlyOffsetsAboveTheWatermark() {
        AggregateItem first = AggregateItem.merge(null, KEY,
                Map.of("t-0", List.of(at("t-0", 3, "1"), at("t-0", 7, "2"))), NOW).orElseThrow();
        AggregateItem second = AggregateItem.merge(first, KEY,
                Map.of("t-0", List.of(at("t-0", 7, "2"), at("t-0", 9, "4")), "t-1", List.of(at("t-1", 0, "8"))),
                NOW).orElseThrow();
        assertThat(second).isEqualTo(new AggregateItem(KEY,
                new WindowStats(4, new BigDecimal("15"), new BigDecimal("1"), new BigDecimal("8")),
                Map.of("t-0", 9L, "t-1", 0L), 2, NOW));
    }

    @Test
    void sumsAreExactWhateverTheOrderOfAddition() {
        WindowStats forward = WindowStats.of(new BigDecimal("0.1")).plus(new BigDecimal("0.2")).plus(new BigDecimal("0.3"));
        WindowStats backward = WindowStats.of(new BigDecimal("0.3")).plus(new BigDecimal("0.2")).plus(new BigDecimal("0.1"));
        assertThat(forward).isEqualTo(backward);
        assertThat(forward.sum()).isEqualByComparingTo("0.6");
        assertThat(forward.average()).isEqualByComparingTo("0.2");
        assertThat(WindowStats.of(BigDecimal.ONE).plus(BigDecimal.ONE).plus(BigDecimal.ZERO).average().toPlainString())
                .isEqualTo("0.66666666666666666666666666666666666667");
    }

    @Test
    void survivesTheRoundTripThroughDynamoDbAttributes() {
        AggregateItem item = AggregateItem.merge(null, KEY,
                Map.of("telemetry-12", List.of(at("telemetry-12", 3043205, "-4.25"))), NOW).orElseThrow();
        assertThat(item.toAttributes().get("avg").n()).isEqualTo("-4.25");
        assertThat(item.toAttributes().get("window_end").s()).isEqualTo("2026-03-09T21:06:00Z");
        assertThat(AggregateItem.fromAttributes(item.toAttributes(), WINDOWS)).isEqualTo(item);
    }
}
