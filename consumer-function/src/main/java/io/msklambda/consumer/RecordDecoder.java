package io.msklambda.consumer;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent.KafkaEventRecord;
import io.msklambda.model.AggregatedDecimal;
import io.msklambda.model.DecodeResult;
import io.msklambda.model.Event;
import io.msklambda.model.JsonCodec;
import io.msklambda.model.Order;
import io.msklambda.model.RejectReason;
import io.msklambda.model.Telemetry;
import io.msklambda.model.TumblingWindows;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One Kafka record of a Lambda event to an {@link Observation} or a {@link Reject}: base64, then UTF-8 and
 * JSON through the shared model, then the series, the window and the metric. Never throws for bad data.
 */
final class RecordDecoder {

    /** Device series names kept: the producer's default fleet and then some, 32 KB of references at most. */
    private static final int KEPT_DEVICE_SERIES = 4096;

    private final TumblingWindows windows;
    // Both caches hold immutable values in fields written without locks: a thread that races another sees a whole
    // value or none, and at worst builds a name twice.
    private final String[] deviceSeries = new String[KEPT_DEVICE_SERIES];
    private Source lastSource;

    private record Source(String topic, int partition, String name) {}

    RecordDecoder(TumblingWindows windows) {
        this.windows = windows;
    }

    RecordOutcome decode(KafkaEventRecord record) {
        String topic = record.getTopic() == null ? "unknown" : record.getTopic();
        String value = record.getValue();
        if (value == null) {
            return reject(record, topic, RejectReason.NULL_VALUE, "the record has no value (a tombstone)", null);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return reject(
                    record,
                    topic,
                    RejectReason.NOT_BASE64,
                    "the value is not base64: " + e.getMessage(),
                    value.getBytes(StandardCharsets.UTF_8));
        }
        DecodeResult result = JsonCodec.decode(bytes);
        if (result instanceof DecodeResult.Rejected rejected) {
            return reject(record, topic, rejected.reason(), rejected.detail(), bytes);
        }
        Event event = ((DecodeResult.Decoded) result).event();
        String source = source(topic, record.getPartition());
        if (event instanceof Telemetry t) {
            return observation(record, source, deviceSeries(t.deviceId()), t, t.temperature());
        }
        // the reader refused an order whose units are beyond what AggregatedDecimal aggregates
        return observation(
                record, source, AggregatesTable.ORDERS_SERIES, event, AggregatedDecimal.of(((Order) event).units()));
    }

    /** {@code topic-partition}; the last one is kept, since a batch holds long runs of one partition's records. */
    private String source(String topic, int partition) {
        Source last = lastSource;
        if (last == null || last.partition() != partition || !last.topic().equals(topic)) {
            last = new Source(topic, partition, AggregatesTable.sourceOf(topic, partition));
            lastSource = last;
        }
        return last.name();
    }

    /** {@code device#17}, kept for the first {@value #KEPT_DEVICE_SERIES} device ids. */
    private String deviceSeries(int deviceId) {
        if (deviceId < 0 || deviceId >= KEPT_DEVICE_SERIES) {
            return AggregatesTable.deviceSeries(deviceId);
        }
        String series = deviceSeries[deviceId];
        if (series == null) {
            series = AggregatesTable.deviceSeries(deviceId);
            deviceSeries[deviceId] = series;
        }
        return series;
    }

    /**
     * A reject for one of {@code records} records that share {@code record}'s position with other bytes, keeping
     * its value (decoded from base64 where it is base64).
     */
    Reject conflicting(KafkaEventRecord record, int records) {
        String topic = record.getTopic() == null ? "unknown" : record.getTopic();
        String value = record.getValue();
        byte[] raw;
        try {
            raw = value == null ? null : Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            raw = value.getBytes(StandardCharsets.UTF_8);
        }
        return reject(
                record,
                topic,
                RejectReason.CONFLICTING_RECORDS,
                records + " records with different keys or values at " + topic + "-" + record.getPartition()
                        + " offset " + record.getOffset(),
                raw);
    }

    private RecordOutcome observation(
            KafkaEventRecord record, String source, String series, Event event, BigDecimal metric) {
        return new Observation(
                record.getOffset(), new ItemKey(series, windows.windowOf(event.eventTime()), source), metric);
    }

    private static Reject reject(
            KafkaEventRecord record, String topic, RejectReason reason, String detail, byte[] raw) {
        return new Reject(topic, record.getPartition(), record.getOffset(), record.getTimestamp(), reason, detail, raw);
    }
}
