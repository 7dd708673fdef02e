package io.msklambda.local.trigger;

import io.msklambda.consumer.AggregatesTable;
import io.msklambda.model.Reading;
import io.msklambda.model.RecordObserver;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The trigger's own count of what it delivered successfully, each record once whatever the redeliveries:
 * in all and per readable series. It is the pipeline's second, independent account of the
 * data, against which the consumer's tables are reconciled. A record's series is what the consumer's own
 * {@link RecordObserver} reads (the presets, or the pointers the consumer is configured with), with the consumer's
 * rules ({@link RecordObserver#guarded}): a record the consumer rejects is in no series here either.
 */
public final class Delivered {

    private final RecordObserver observer;

    private final Set<String> seen = new HashSet<>();
    private final Set<String> filtered = new HashSet<>();
    private final Set<String> sentToDestination = new HashSet<>();
    private final Set<String> discarded = new HashSet<>();
    private final Map<String, Long> perSeries = new TreeMap<>();
    private long repeats;
    /** {@code seen.size()}, readable without the lock, which a poller holds while it decodes a whole batch. */
    private volatile long distinct;

    /** Counts per series as the presets name them (orders and telemetry). */
    public Delivered() {
        this(RecordObserver.presets());
    }

    /** @param observer the consumer function's observer, as it reads the records this trigger delivers to it */
    public Delivered(RecordObserver observer) {
        this.observer = RecordObserver.guarded(Objects.requireNonNull(observer, "observer"));
    }

    synchronized void add(List<ConsumerRecord<byte[], byte[]>> batch) {
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            String coordinates = coordinates(record);
            // one final state a record: delivered wins over given up (a rewind may bring a given-up record back)
            sentToDestination.remove(coordinates);
            discarded.remove(coordinates);
            if (!seen.add(coordinates)) {
                repeats++;
                continue;
            }
            distinct = seen.size();
            if (record.value() != null && observer.observe(record.key(), record.value()) instanceof Reading reading) {
                perSeries.merge(reading.series(), 1L, Long::sum);
            }
        }
    }

    /** A record the filter criteria dropped: committed, never delivered. */
    synchronized void filter(ConsumerRecord<byte[], byte[]> record) {
        filtered.add(coordinates(record));
    }

    /** Records the mapping gave up on and sent to its on-failure destination. */
    synchronized void sendToDestination(List<ConsumerRecord<byte[], byte[]>> records) {
        records.stream()
                .map(Delivered::coordinates)
                .filter(record -> !seen.contains(record))
                .forEach(record -> {
                    discarded.remove(record);
                    sentToDestination.add(record);
                });
    }

    /** Records the mapping gave up on with no destination to send them to: lost, as they are when deployed. */
    synchronized void discard(List<ConsumerRecord<byte[], byte[]>> records) {
        records.stream()
                .map(Delivered::coordinates)
                .filter(record -> !seen.contains(record) && !sentToDestination.contains(record))
                .forEach(discarded::add);
    }

    /** Distinct records sent to the on-failure destination. */
    public synchronized long sentToDestination() {
        return sentToDestination.size();
    }

    /** Distinct records given up with no destination. */
    public synchronized long discarded() {
        return discarded.size();
    }

    /** Distinct records the filter criteria dropped. */
    public synchronized long filtered() {
        return filtered.size();
    }

    /** Distinct records delivered. */
    public long records() {
        return distinct;
    }

    /**
     * Distinct readable records per series, named as the consumer names them ({@link AggregatesTable#seriesOf} for the
     * presets).
     */
    public synchronized Map<String, Long> perSeries() {
        return Map.copyOf(perSeries);
    }

    /** Deliveries of records that had been delivered before (redeliveries). */
    public synchronized long repeats() {
        return repeats;
    }

    private static String coordinates(ConsumerRecord<byte[], byte[]> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
