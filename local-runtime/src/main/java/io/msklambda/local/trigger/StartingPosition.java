package io.msklambda.local.trigger;

/** Where a new consumer group starts reading, as the event source mapping's {@code StartingPosition}. */
public enum StartingPosition {
    /** Only records written after the trigger starts. */
    LATEST,
    /** Every record still on the topic. */
    TRIM_HORIZON
}
