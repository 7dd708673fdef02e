package io.msklambda.consumer;

/** What became of one Kafka record: an {@link Observation} to aggregate, or a {@link Reject} to keep. */
sealed interface RecordOutcome permits Observation, Reject {}
