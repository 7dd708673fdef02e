package io.msklambda.local.trigger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Records the mapping gave up on, for its on-failure destination.
 *
 * @param condition              why
 * @param records                the records, in the order they were in the batch
 * @param approximateInvokeCount how often they were invoked (0 when they expired before the first invocation)
 * @param functionError          the last error's type, as Lambda reports an unhandled one; null when never invoked
 * @param requestId              the last invocation's request id; null when never invoked
 * @param timestamp              when the mapping gave up
 */
public record FailedBatch(
        Condition condition,
        List<ConsumerRecord<byte[], byte[]>> records,
        int approximateInvokeCount,
        String functionError,
        String requestId,
        Instant timestamp) {

    /**
     * The {@code requestContext.condition} values. AWS documents {@code RetryAttemptsExhausted} for Kafka mappings
     * (https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html) and names no condition for records past
     * {@code MaximumRecordAgeInSeconds}; {@code RecordAgeExceeded} is ours, after the stream mappings' wording.
     */
    public enum Condition {
        RetryAttemptsExhausted,
        RecordAgeExceeded
    }

    public FailedBatch {
        Objects.requireNonNull(condition, "condition");
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a failed batch has records");
        }
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
