package io.msklambda.model;

/**
 * The record-to-observation function: what one Kafka record contributes to the aggregates. The consumer calls it once
 * for every record with a value; its result is a {@link Reading} (series, event time, value) or a
 * {@link DecodeResult.Rejected} (a reason and a detail), see {@link Observed}.
 *
 * <p>The consumer has two: {@link #presets()}, today's orders and telemetry, and {@link PointerReader}, which takes the
 * three fields from any JSON record by JSON Pointers ({@code SERIES_FIELD}, {@code VALUE_FIELD}, {@code TIME_FIELD}).
 * A team with records of its own implements this interface in its own module and hands it to
 * {@code ConsumerHandler}'s constructor. An implementation must be thread-safe (the trigger's concurrent batches of one
 * execution environment never overlap, but the local runtime shares one observer among its pollers) and should return
 * a {@code Rejected} for bad data rather than throw: the consumer turns an exception into an
 * {@link RejectReason#OBSERVER_FAILED} reject anyway, so that one record never fails a batch. Whatever it returns, the
 * consumer rounds the value by the precision rule ({@link AggregatedDecimal}) and rejects a value beyond it or an
 * implausible event time ({@link #guarded}), so no observer can make DynamoDB refuse a sum.
 */
@FunctionalInterface
public interface RecordObserver {

    /**
     * @param key the record's key, null when it has none (the consumer also passes null to {@link #presets()} and to a
     *     {@link PointerReader}, which never read it)
     * @param value the record's value, never null (a record without one is a tombstone, rejected before)
     */
    Observed observe(byte[] key, byte[] value);

    /**
     * Today's records, told apart by shape: telemetry ({@code device_id}) is series {@code device#<id>} with its
     * {@code temperature}; an order ({@code order_id}) is series {@code orders} with its units (the sum of the items'
     * quantities). See {@link PresetObserver}.
     */
    static RecordObserver presets() {
        return new PresetObserver();
    }

    /**
     * {@code observer} with the consumer's rules applied to what it returns: the value rounded by
     * {@link AggregatedDecimal} ({@code OUT_OF_RANGE} beyond ±1E+15), the event time within
     * {@link EventTimes#EARLIEST} .. {@link EventTimes#LATEST} ({@code OUT_OF_RANGE} outside), and a
     * {@link RuntimeException} it throws or a null it returns as an {@link RejectReason#OBSERVER_FAILED} reject. An
     * {@link Error} still propagates: it says the environment is broken, not the record. The consumer and the local
     * runtime's count of delivered records both read records through this, so they agree on every record.
     */
    static RecordObserver guarded(RecordObserver observer) {
        return observer instanceof GuardedObserver ? observer : new GuardedObserver(observer);
    }
}
