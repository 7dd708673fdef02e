package io.msklambda.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import io.msklambda.model.RejectReason;
import io.msklambda.model.TumblingWindows;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;

class BatchTest {

    private static final TumblingWindows WINDOWS = TumblingWindows.ofSeconds(60);
    private static final RecordDecoder DECODER = new RecordDecoder(WINDOWS);

    private static ItemKey key(String series, String time, String source) {
        return new ItemKey(series, WINDOWS.windowOf(Instant.parse(time)), source);
    }

    @ParameterizedTest
    @Event(value = "events/mismatched-group-key.json", type = KafkaEvent.class)
    void usesEachRecordsOwnTopicAndPartitionNotTheGroupKey(KafkaEvent event) {
        Batch batch = Batch.of(event, DECODER);
        assertThat(batch.records()).isEqualTo(2);
        ItemKey fromPartition2 = key("device#1", "2026-03-09T21:05:00Z", "telemetry-2");
        ItemKey fromEu0 = key("device#1", "2026-03-09T21:05:00Z", "telemetry-eu-0");
        assertThat(batch.contributions())
                .isEqualTo(Map.of(
                        fromPartition2, List.of(new Observation(10, fromPartition2, new BigDecimal("27.4"))),
                        fromEu0, List.of(new Observation(11, fromEu0, new BigDecimal("28.0")))));
    }

    @ParameterizedTest
    @Event(value = "events/self-managed-signed-headers.json", type = KafkaEvent.class)
    void takesSelfManagedEventsWithSignedHeaderBytesAndNoKey(KafkaEvent event) {
        Batch batch = Batch.of(event, DECODER);
        assertThat(batch.rejects()).isEmpty();
        assertThat(batch.contributions().keySet())
                .containsExactlyInAnyOrder(
                        key("device#2", "2026-03-09T21:06:00Z", "telemetry-1"),
                        key("orders", "2026-03-09T21:05:00Z", "telemetry-1"));
        assertThat(event.getRecords()
                        .get("telemetry-1")
                        .get(0)
                        .getHeaders()
                        .get(0)
                        .get("binary"))
                .containsExactly(0, -128, 127, -1);
    }

    @ParameterizedTest
    @Event(value = "events/msk-bad-records.json", type = KafkaEvent.class)
    void keepsEveryBadRecordWithItsReasonAndAggregatesTheRest(KafkaEvent event) {
        Batch batch = Batch.of(event, DECODER);
        assertThat(batch.records()).isEqualTo(13);
        assertThat(batch.observations()).isEqualTo(2);
        Map<Long, RejectReason> reasons =
                batch.rejects().stream().collect(Collectors.toMap(Reject::offset, Reject::reason));
        assertThat(reasons)
                .isEqualTo(Map.ofEntries(
                        Map.entry(101L, RejectReason.NOT_BASE64),
                        Map.entry(102L, RejectReason.NOT_UTF8),
                        Map.entry(103L, RejectReason.NOT_JSON),
                        Map.entry(104L, RejectReason.UNKNOWN_SHAPE),
                        Map.entry(105L, RejectReason.MISSING_FIELD),
                        Map.entry(106L, RejectReason.WRONG_TYPE),
                        Map.entry(107L, RejectReason.NON_FINITE_NUMBER),
                        Map.entry(108L, RejectReason.OUT_OF_RANGE),
                        Map.entry(109L, RejectReason.NULL_VALUE),
                        Map.entry(110L, RejectReason.MISSING_FIELD),
                        Map.entry(111L, RejectReason.OUT_OF_RANGE)));
        Reject big = batch.rejects().stream()
                .filter(r -> r.offset() == 110)
                .findFirst()
                .orElseThrow();
        assertThat(big.raw()).hasSize(10_025);
        assertThat(big.source()).isEqualTo("telemetry-0");
        assertThat(big.kafkaTimestamp()).isEqualTo(1773090300010L);
    }

    @ParameterizedTest
    @Event(value = "events/msk-telemetry.json", type = KafkaEvent.class)
    void theTelemetrySampleAggregatesWholly(KafkaEvent event) {
        Batch batch = Batch.of(event, DECODER);
        assertThat(batch.rejects()).isEmpty();
        assertThat(batch.observations()).isEqualTo(12);
        assertThat(batch.contributions().keySet())
                .extracting(ItemKey::series)
                .containsOnly("device#1", "device#2", "device#3", "device#4");
    }

    @ParameterizedTest
    @Events(
            events = {@Event("events/msk-orders.json"), @Event("events/msk-orders-items-string.json")},
            type = KafkaEvent.class)
    void theOrderSamplesAggregateWhateverTheItemsForm(KafkaEvent event) {
        Batch batch = Batch.of(event, DECODER);
        assertThat(batch.rejects()).isEmpty();
        assertThat(batch.observations()).isEqualTo(batch.records()).isPositive();
        assertThat(batch.contributions().keySet()).extracting(ItemKey::series).containsOnly("orders");
    }
}
