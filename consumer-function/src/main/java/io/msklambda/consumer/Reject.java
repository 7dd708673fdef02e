package io.msklambda.consumer;

import io.msklambda.model.RejectReason;

/**
 * A record that could not be aggregated, with everything needed to find and replay it.
 *
 * @param topic the record's topic
 * @param partition its partition
 * @param offset its offset
 * @param kafkaTimestamp its Kafka timestamp (epoch ms)
 * @param reason the kind of problem
 * @param detail what exactly (field, value); bounded
 * @param raw the value's bytes (decoded from base64 when that worked, else the text as delivered); may be null
 */
record Reject(
        String topic, int partition, long offset, long kafkaTimestamp, RejectReason reason, String detail, byte[] raw)
        implements RecordOutcome {

    String source() {
        return AggregatesTable.sourceOf(topic, partition);
    }
}
