package io.msklambda.consumer;

import java.math.BigDecimal;

/**
 * One good record reduced to what aggregation needs: where it came from and which item it adds to.
 *
 * @param source {@code topic-partition} of the record itself (never the event's map key)
 * @param offset its Kafka offset
 * @param item the (series, window) item it belongs to
 * @param value the metric: temperature, or units per order
 */
record Observation(String source, long offset, ItemKey item, BigDecimal value) implements RecordOutcome {
}
