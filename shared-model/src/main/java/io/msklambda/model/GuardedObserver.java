package io.msklambda.model;

import java.math.BigDecimal;
import java.util.Objects;

/** {@link RecordObserver#guarded}: the consumer's rules over any observer's result. */
final class GuardedObserver implements RecordObserver {

    private final RecordObserver observer;

    GuardedObserver(RecordObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    @Override
    public Observed observe(byte[] key, byte[] value) {
        Observed observed;
        try {
            observed = observer.observe(key, value);
        } catch (RuntimeException e) {
            return DecodeResult.rejected(
                    RejectReason.OBSERVER_FAILED, FieldChecks.clip("the record observer threw " + e));
        }
        if (!(observed instanceof Reading reading)) {
            return observed == null
                    ? DecodeResult.rejected(RejectReason.OBSERVER_FAILED, "the record observer returned null")
                    : observed;
        }
        BigDecimal rounded = AggregatedDecimal.of(reading.value());
        if (rounded == null) {
            return DecodeResult.rejected(
                    RejectReason.OUT_OF_RANGE,
                    FieldChecks.clip(FieldChecks.beyondTheLargest(
                            "the value", reading.value().toString())));
        }
        if (!EventTimes.isPlausible(reading.eventTime())) {
            return DecodeResult.rejected(
                    RejectReason.OUT_OF_RANGE,
                    "the event time " + reading.eventTime() + " is outside " + EventTimes.EARLIEST + " .. "
                            + EventTimes.LATEST);
        }
        return rounded == reading.value() ? reading : new Reading(reading.series(), reading.eventTime(), rounded);
    }
}
