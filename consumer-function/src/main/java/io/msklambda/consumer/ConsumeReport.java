package io.msklambda.consumer;

/**
 * What one invocation did: the handler's result.
 *
 * @param records records in the event
 * @param aggregated records read into an observation (new or replayed: replays change nothing)
 * @param rejected records kept in the rejects table
 * @param duplicates records that appeared twice in the event (same topic, partition, offset), counted once
 * @param itemsTouched distinct (series, window) items the batch's observations belong to
 * @param itemsWritten items written; an item whose observations were all applied before is not
 * @param conflicts conditional writes that found the item changed and merged again
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
}
