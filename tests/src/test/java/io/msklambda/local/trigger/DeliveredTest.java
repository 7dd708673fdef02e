package io.msklambda.local.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import io.msklambda.consumer.ConsumerSettings;
import io.msklambda.model.ConfigSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;

/** The trigger counts what it delivered per series as the consumer it delivers to reads the records. */
class DeliveredTest {

    /** The event's records as the trigger's Kafka consumer gave them, before Lambda base64-encoded them. */
    private static List<ConsumerRecord<byte[], byte[]>> records(KafkaEvent event) {
        return event.getRecords().values().stream()
                .flatMap(List::stream)
                .map(r -> new ConsumerRecord<>(
                        r.getTopic(),
                        r.getPartition(),
                        r.getOffset(),
                        Base64.getDecoder().decode(r.getKey()),
                        Base64.getDecoder().decode(r.getValue())))
                .toList();
    }

    @ParameterizedTest
    @Event(value = "events/msk-custom-vehicles.json", type = KafkaEvent.class)
    void countsEachRecordOnceInTheSeriesTheConsumersPointersRead(KafkaEvent event) {
        // Given the observer of a consumer configured with pointers into vehicle records
        ConsumerSettings consumer = ConsumerSettings.from(new ConfigSource(Map.of(
                "AGGREGATES_TABLE",
                "aggregates",
                "REJECTS_TABLE",
                "rejects",
                "AWS_REGION",
                "us-east-1",
                ConsumerSettings.SERIES_FIELD,
                "/vehicle/id",
                ConsumerSettings.VALUE_FIELD,
                "/vehicle/battery/temp_c",
                ConsumerSettings.TIME_FIELD,
                "/ts")));
        Delivered delivered = new Delivered(consumer.observer());

        // When the batch is delivered, then delivered again
        delivered.add(records(event));
        delivered.add(records(event));

        // Then each readable record counts once in its vehicle's series; the two the consumer rejects in none
        assertThat(delivered.perSeries()).isEqualTo(Map.of("EV-0001", 3L, "EV-0002", 2L, "EV-0003", 1L));
        assertThat(delivered.records()).isEqualTo(8);
        assertThat(delivered.repeats()).isEqualTo(8);
    }

    @ParameterizedTest
    @Event(value = "events/msk-telemetry.json", type = KafkaEvent.class)
    void withThePresetsTheSeriesAreTheDevices(KafkaEvent event) {
        Delivered delivered = new Delivered();

        delivered.add(records(event));

        assertThat(delivered.perSeries()).containsOnlyKeys("device#1", "device#2", "device#3", "device#4");
        assertThat(delivered.perSeries().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(12);
    }
}
