package io.msklambda.consumer;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent.KafkaEventRecord;
import io.msklambda.model.DecodeResult;
import io.msklambda.model.Observed;
import io.msklambda.model.PointerReader;
import io.msklambda.model.PresetObserver;
import io.msklambda.model.Reading;
import io.msklambda.model.RecordObserver;
import io.msklambda.model.RejectReason;
import io.msklambda.model.TumblingWindows;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One Kafka record of a Lambda event to an {@link Observation} or a {@link Reject}: base64, then the record observer
 * (the presets, the pointers, or a team's own), then the window. Never throws for bad data: the observer is
 * {@link RecordObserver#guarded}, so its value is rounded by the precision rule, its event time checked, and an
 * exception it throws for a record is that record's {@code OBSERVER_FAILED} reject.
 */
final class RecordDecoder {

    private final TumblingWindows windows;
    private final RecordObserver observer;
    /** The presets and the pointers never read the key, so it is not decoded for them: a base64 decoding saved. */
    private final boolean readsKeys;
    // An immutable value in a field written without locks: a thread that races another sees a whole value or none.
    private Source lastSource;

    private record Source(String topic, int partition, String name) {}

    /** With the presets, as the consumer is without {@code SERIES_FIELD}. */
    RecordDecoder(TumblingWindows windows) {
        this(windows, RecordObserver.presets());
    }

    RecordDecoder(TumblingWindows windows, RecordObserver observer) {
        this.windows = windows;
        this.observer = RecordObserver.guarded(observer);
        this.readsKeys = !(observer instanceof PresetObserver || observer instanceof PointerReader);
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
        byte[] key = null;
        if (readsKeys && record.getKey() != null) {
            try {
                key = Base64.getDecoder().decode(record.getKey());
            } catch (IllegalArgumentException e) {
                return reject(
                        record, topic, RejectReason.NOT_BASE64, "the key is not base64: " + e.getMessage(), bytes);
            }
        }
        Observed observed = observer.observe(key, bytes);
        if (observed instanceof DecodeResult.Rejected rejected) {
            return reject(record, topic, rejected.reason(), rejected.detail(), bytes);
        }
        Reading reading = (Reading) observed;
        String source = source(topic, record.getPartition());
        return new Observation(
                record.getOffset(),
                new ItemKey(reading.series(), windows.windowOf(reading.eventTime()), source),
                reading.value());
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

    private static Reject reject(
            KafkaEventRecord record, String topic, RejectReason reason, String detail, byte[] raw) {
        return new Reject(topic, record.getPartition(), record.getOffset(), record.getTimestamp(), reason, detail, raw);
    }
}
