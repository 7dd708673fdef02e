package io.msklambda.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import io.msklambda.model.PointerReader;
import io.msklambda.model.Reading;
import io.msklambda.model.RejectReason;
import io.msklambda.model.TumblingWindows;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
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

    @ParameterizedTest
    @Event(value = "events/msk-custom-vehicles.json", type = KafkaEvent.class)
    void aCustomShapeIsAggregatedThroughItsPointersAndItsBadRecordsNameThePointer(KafkaEvent event) {
        RecordDecoder pointers =
                new RecordDecoder(WINDOWS, new PointerReader("/vehicle/id", "/vehicle/battery/temp_c", "/ts", "iso"));

        Batch batch = Batch.of(event, pointers);

        ItemKey ev1 = key("EV-0001", "2026-03-09T21:05:00Z", "vehicles-0");
        ItemKey ev1FromPartition1 = key("EV-0001", "2026-03-09T21:05:00Z", "vehicles-1");
        ItemKey ev2 = key("EV-0002", "2026-03-09T21:05:00Z", "vehicles-0");
        ItemKey ev2Later = key("EV-0002", "2026-03-09T21:06:00Z", "vehicles-0");
        ItemKey ev3 = key("EV-0003", "2026-03-09T21:05:00Z", "vehicles-1");
        assertThat(batch.contributions())
                .isEqualTo(Map.of(
                        ev1,
                        List.of(
                                new Observation(200, ev1, new BigDecimal("31.2")),
                                new Observation(202, ev1, new BigDecimal("31.4"))),
                        ev1FromPartition1,
                        List.of(new Observation(302, ev1FromPartition1, new BigDecimal("30.0"))),
                        ev2,
                        List.of(new Observation(201, ev2, new BigDecimal("28.5"))),
                        ev2Later,
                        List.of(new Observation(204, ev2Later, new BigDecimal("0.3"))),
                        ev3,
                        List.of(new Observation(301, ev3, new BigDecimal("-2.5")))));
        assertThat(batch.rejects())
                .extracting(Reject::offset, Reject::reason, Reject::detail)
                .containsExactlyInAnyOrder(
                        tuple(203L, RejectReason.MISSING_FIELD, "/vehicle/battery/temp_c is missing"),
                        tuple(
                                300L,
                                RejectReason.WRONG_TYPE,
                                "/ts must be an ISO-8601 timestamp string (TIME_FORMAT=iso), found a whole number"));
    }

    @ParameterizedTest
    @Event(value = "events/msk-telemetry.json", type = KafkaEvent.class)
    void telemetryThroughThePointersOfItsFieldsGivesThePresetsValuesAndTimes(KafkaEvent event) {
        RecordDecoder pointers =
                new RecordDecoder(WINDOWS, new PointerReader("/device_id", "/temperature", "/timestamp", "iso"));

        Map<ItemKey, List<Observation>> preset = Batch.of(event, DECODER).contributions();
        Map<ItemKey, List<Observation>> viaPointers = Batch.of(event, pointers).contributions();

        // the same observations, the series named by the device id alone ("1") rather than the preset's "device#1"
        Map<ItemKey, List<Observation>> renamed = new HashMap<>();
        viaPointers.forEach((item, observations) -> {
            ItemKey presetKey = new ItemKey("device#" + item.series(), item.window(), item.source());
            renamed.put(
                    presetKey,
                    observations.stream()
                            .map(o -> new Observation(o.offset(), presetKey, o.value()))
                            .toList());
        });
        assertThat(renamed).isEqualTo(preset).hasSize(preset.size());
        assertThat(preset).isNotEmpty();
    }

    @ParameterizedTest
    @Event(value = "events/msk-custom-vehicles.json", type = KafkaEvent.class)
    void anObserverThatThrowsRejectsItsRecordAndTheBatchGoesOn(KafkaEvent event) {
        RecordDecoder team = new RecordDecoder(WINDOWS, (key, value) -> {
            String vehicle = new String(key, StandardCharsets.UTF_8);
            if (vehicle.equals("EV-0003")) {
                throw new IllegalStateException("no calibration for " + vehicle);
            }
            return new Reading(vehicle, Instant.parse("2026-03-09T21:05:30Z"), new BigDecimal("0.30000000000000004"));
        });

        Batch batch = Batch.of(event, team);

        assertThat(batch.observations()).isEqualTo(6);
        assertThat(batch.contributions().values().stream().flatMap(List::stream).map(Observation::value))
                .containsOnly(new BigDecimal("0.3"));
        assertThat(batch.rejects())
                .extracting(Reject::offset, Reject::reason, Reject::detail)
                .containsExactlyInAnyOrder(
                        tuple(
                                300L,
                                RejectReason.OBSERVER_FAILED,
                                "the record observer threw java.lang.IllegalStateException: no calibration for EV-0003"),
                        tuple(
                                301L,
                                RejectReason.OBSERVER_FAILED,
                                "the record observer threw java.lang.IllegalStateException: no calibration for EV-0003"));
    }
}
