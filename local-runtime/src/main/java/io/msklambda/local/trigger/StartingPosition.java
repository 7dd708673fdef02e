package io.msklambda.local.trigger;

/**
 * Where a new consumer group starts reading, as the event source mapping's {@code StartingPosition}; a group with
 * committed offsets goes on from them whatever this says.
 */
public enum StartingPosition {
    /** Only records written after the trigger starts. */
    LATEST,
    /** Every record still on the topic. */
    TRIM_HORIZON,
    /** From the first record whose timestamp is at or after {@code StartingPositionTimestamp}. */
    AT_TIMESTAMP
}
