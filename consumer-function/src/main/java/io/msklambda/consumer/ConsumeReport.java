package io.msklambda.consumer;

import org.slf4j.spi.LoggingEventBuilder;

/**
 * What one invocation did: the handler's result.
 *
 * @param records records in the event
 * @param aggregated records read into an observation (new or replayed: replays change nothing)
 * @param rejected records kept in the rejects table
 * @param duplicates records that appeared twice in the event (same topic, partition, offset), counted once
 * @param itemsTouched distinct items the batch's observations belong to: one per series, window and source partition
 * @param itemsWritten items written; an item whose observations were all applied before is not
 * @param conflicts conditional writes whose condition failed (the item was not as this environment believed), each
 *                  followed by a merge against the stored item and another attempt
 * @param dynamodbRequests every DynamoDB request made, reads included
 */
public record ConsumeReport(
        int records,
        int aggregated,
        int rejected,
        int duplicates,
        int itemsTouched,
        int itemsWritten,
        int conflicts,
        int dynamodbRequests) {

    /** The report as fields of a log line: each count a field of Lambda's JSON log line, not text in its message. */
    LoggingEventBuilder addTo(LoggingEventBuilder line) {
        return line.addKeyValue("records", records)
                .addKeyValue("aggregated", aggregated)
                .addKeyValue("rejected", rejected)
                .addKeyValue("duplicates", duplicates)
                .addKeyValue("itemsTouched", itemsTouched)
                .addKeyValue("itemsWritten", itemsWritten)
                .addKeyValue("conflicts", conflicts)
                .addKeyValue("dynamodbRequests", dynamodbRequests);
    }
}
