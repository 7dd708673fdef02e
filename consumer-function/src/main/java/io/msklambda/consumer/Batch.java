package io.msklambda.consumer;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent.KafkaEventRecord;
import io.msklambda.model.RejectReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One event's records, decoded and grouped: observations by item (series, window and source partition), rejects in
 * a list. Every record of every group is read; the groups' map keys ({@code "<topic>-<partition>"}) are never
 * parsed, because samples in the field do not always match them to the records inside, and each record
 * names its own topic and partition.
 *
 * <p>A record seen twice in one event (same topic, partition and offset, same key and value) is counted once.
 * Records at one position whose key or value differ cannot all be the record Kafka stored there, and nothing says
 * which one is: each is rejected ({@link RejectReason#CONFLICTING_RECORDS}) with its own bytes, so that none is
 * lost and none is counted in a window on a guess. Only within one event: a replay that carries one of them alone
 * aggregates it. Kafka never stores two records at one offset; such events are hand-made or corrupted.
 */
final class Batch {

    private final Map<ItemKey, List<Observation>> contributions = new LinkedHashMap<>();
    private final List<Reject> rejects = new ArrayList<>();
    private int records;
    private int observations;
    private int duplicates;

    private Batch() {}

    static Batch of(KafkaEvent event, RecordDecoder decoder) {
        Batch batch = new Batch();
        if (event == null || event.getRecords() == null) {
            return batch;
        }
        int size = event.getRecords().values().stream()
                .mapToInt(group -> group == null ? 0 : group.size())
                .sum();
        // the first record at each position, in event order; the rare positions seen again, with all their copies
        Map<RecordId, KafkaEventRecord> first = new LinkedHashMap<>(Math.max(16, size * 4 / 3 + 1));
        Map<RecordId, List<KafkaEventRecord>> repeated = new HashMap<>();
        for (List<KafkaEventRecord> group : event.getRecords().values()) {
            if (group == null) {
                continue;
            }
            for (KafkaEventRecord record : group) {
                if (record == null) {
                    continue;
                }
                batch.records++;
                RecordId id = RecordId.of(record);
                KafkaEventRecord earlier = first.putIfAbsent(id, record);
                if (earlier != null) {
                    repeated.computeIfAbsent(id, k -> new ArrayList<>(List.of(earlier)))
                            .add(record);
                }
            }
        }
        first.forEach((id, record) -> {
            List<KafkaEventRecord> copies = repeated.get(id);
            if (copies == null) {
                batch.add(decoder.decode(record));
            } else {
                batch.addPosition(copies, decoder);
            }
        });
        return batch;
    }

    /**
     * The grouping step alone, over records already decoded and de-duplicated: what the benchmarks module measures
     * apart from decoding.
     */
    static Batch ofOutcomes(List<? extends RecordOutcome> outcomes) {
        Batch batch = new Batch();
        for (RecordOutcome outcome : outcomes) {
            batch.records++;
            batch.add(outcome);
        }
        return batch;
    }

    /** Where a record sits: its topic, partition and offset. */
    private record RecordId(String topic, int partition, long offset) {
        static RecordId of(KafkaEventRecord record) {
            return new RecordId(record.getTopic(), record.getPartition(), record.getOffset());
        }
    }

    /** What a record holds, for telling a repeat from another record: its key and value as delivered. */
    private record Content(String key, String value) {
        static Content of(KafkaEventRecord record) {
            return new Content(record.getKey(), record.getValue());
        }
    }

    private void addPosition(List<KafkaEventRecord> copies, RecordDecoder decoder) {
        Map<Content, KafkaEventRecord> distinct = new LinkedHashMap<>();
        copies.forEach(copy -> distinct.putIfAbsent(Content.of(copy), copy));
        duplicates += copies.size() - distinct.size();
        if (distinct.size() == 1) {
            add(decoder.decode(copies.get(0)));
            return;
        }
        for (KafkaEventRecord record : distinct.values()) {
            rejects.add(decoder.conflicting(record, distinct.size()));
        }
    }

    private void add(RecordOutcome outcome) {
        if (outcome instanceof Observation observation) {
            observations++;
            contributions
                    .computeIfAbsent(observation.item(), k -> new ArrayList<>())
                    .add(observation);
        } else {
            rejects.add((Reject) outcome);
        }
    }

    Map<ItemKey, List<Observation>> contributions() {
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
