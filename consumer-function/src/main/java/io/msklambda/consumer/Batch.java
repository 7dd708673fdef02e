package io.msklambda.consumer;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent.KafkaEventRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One event's records, decoded and grouped: observations by item and then by source partition, rejects in a
 * list. Every record of every group is read; the groups' map keys ({@code "<topic>-<partition>"}) are never
 * parsed, because samples in the field do not always match them to the records inside, and each record
 * names its own topic and partition. A record seen twice in one event (same topic, partition and offset) is
 * counted once.
 */
final class Batch {

    private final Map<ItemKey, Map<String, List<Observation>>> contributions = new LinkedHashMap<>();
    private final List<Reject> rejects = new ArrayList<>();
    private int records;
    private int observations;
    private int duplicates;

    private Batch() {
    }

    static Batch of(KafkaEvent event, RecordDecoder decoder) {
        Batch batch = new Batch();
        if (event == null || event.getRecords() == null) {
            return batch;
        }
        int size = event.getRecords().values().stream().mapToInt(group -> group == null ? 0 : group.size()).sum();
        Set<RecordId> seen = new HashSet<>(Math.max(16, size * 4 / 3 + 1));
        for (List<KafkaEventRecord> group : event.getRecords().values()) {
            if (group == null) {
                continue;
            }
            for (KafkaEventRecord record : group) {
                if (record == null) {
                    continue;
                }
                batch.records++;
                if (!seen.add(new RecordId(record.getTopic(), record.getPartition(), record.getOffset()))) {
                    batch.duplicates++;
                    continue;
                }
                batch.add(decoder.decode(record));
            }
        }
        return batch;
    }

    /** Where a record sits: its topic, partition and offset. */
    private record RecordId(String topic, int partition, long offset) {
    }

    private void add(RecordOutcome outcome) {
        if (outcome instanceof Observation observation) {
            observations++;
            contributions.computeIfAbsent(observation.item(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(observation.source(), k -> new ArrayList<>())
                    .add(observation);
        } else {
            rejects.add((Reject) outcome);
        }
    }

    Map<ItemKey, Map<String, List<Observation>>> contributions() {
        return contributions;
    }

    List<Reject> rejects() {
        return rejects;
    }

    int records() {
        return records;
    }

    int observations() {
        return observations;
    }

    int duplicates() {
        return duplicates;
    }
}
