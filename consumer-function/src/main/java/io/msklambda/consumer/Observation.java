package io.msklambda.consumer;

import java.math.BigDecimal;

/**
 * One good record reduced to what aggregation needs: the item it adds to and its place in its partition.
 *
 * @param offset its Kafka offset
 * @param item the (series, window, source partition) item it belongs to; the source is the record's own
 *             {@code topic-partition}, never the event's map key
 * @param value the metric: temperature, or units per order
 */
record Observation(long offset, ItemKey item, BigDecimal value) implements RecordOutcome {}
