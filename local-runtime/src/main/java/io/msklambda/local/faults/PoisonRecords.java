package io.msklambda.local.faults;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.msklambda.local.trigger.FilterCriteria;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The poison-record fault: records whose value matches one of the patterns (the filter pattern language) make the
 * function fail, as a record that hits a bug does. It stands for a function other than ours, since ours turns every
 * bad record into a reject and never fails on one.
 *
 * <p>A function that returns no partial batch response fails as a whole when a batch holds a poison record, before it
 * writes anything (so nothing it gave up is also stored). One that does returns a partial batch response in the Kafka
 * shape naming each partition's first poison record, having processed only the records before it in that partition.
 */
public final class PoisonRecords {

    /** What the function throws on a poison record. */
    public static final class PoisonRecordException extends RuntimeException {
        PoisonRecordException(String message) {
            super(message);
        }
    }

    public static final PoisonRecords NONE = new PoisonRecords(FilterCriteria.NONE);

    private final FilterCriteria patterns;

    public PoisonRecords(FilterCriteria patterns) {
        this.patterns = patterns;
    }

    public boolean any() {
        return !patterns.patterns().isEmpty();
    }

    /** @throws PoisonRecordException naming the first poison record, if the event has one */
    public void requireNone(KafkaEvent event) {
        event.getRecords().forEach((partition, records) -> {
            for (KafkaEvent.KafkaEventRecord record : records) {
                if (poison(record)) {
                    throw new PoisonRecordException("poison record at " + partition + "@" + record.getOffset());
                }
            }
        });
    }

    /** The event without each partition's first poison record and all after it: what a partial responder processes. */
    public KafkaEvent beforePoison(KafkaEvent event) {
        Map<String, List<KafkaEvent.KafkaEventRecord>> kept = new LinkedHashMap<>();
        event.getRecords().forEach((partition, records) -> {
            List<KafkaEvent.KafkaEventRecord> before = new ArrayList<>();
            for (KafkaEvent.KafkaEventRecord record : records) {
                if (poison(record)) {
                    break;
                }
                before.add(record);
            }
            kept.put(partition, before);
        });
        return new KafkaEvent(kept, event.getEventSource(), event.getEventSourceArn(), event.getBootstrapServers());
    }

    /** The partial batch response naming each partition's first poison record; null when there is none. */
    public Map<String, Object> batchItemFailures(KafkaEvent event) {
        List<Map<String, Object>> failures = new ArrayList<>();
        event.getRecords()
                .forEach((partition, records) -> records.stream()
                        .filter(this::poison)
                        .findFirst()
                        .ifPresent(record -> failures.add(Map.of(
                                "itemIdentifier", Map.of("partition", partition, "offset", record.getOffset())))));
        return failures.isEmpty() ? null : Map.of("batchItemFailures", failures);
    }

    private boolean poison(KafkaEvent.KafkaEventRecord record) {
        return any()
                && record.getValue() != null
                && patterns.matches(Base64.getDecoder().decode(record.getValue().getBytes(StandardCharsets.US_ASCII)));
    }
}
