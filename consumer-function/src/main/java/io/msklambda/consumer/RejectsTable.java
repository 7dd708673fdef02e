package io.msklambda.consumer;

import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The rejects table as the consumer writes it, for every reader of it (the local runtime, the tests): its key and its
 * attribute names. One item holds one rejected record, keyed by its position, so that writing it again on a replay
 * overwrites it with the same content; {@code RejectStore} writes it, {@code template.yaml}'s {@code RejectsTable}
 * declares the same key.
 */
public final class RejectsTable {

    /** Partition key (S): the record's {@code topic-partition}, as {@link AggregatesTable#sourceOf} names it. */
    public static final String SOURCE = "source";
    /** Sort key (N): the record's offset. */
    public static final String OFFSET = "offset";
    /** The record's topic (S). */
    public static final String TOPIC = "topic";
    /** The record's partition (N). */
    public static final String PARTITION = "partition";
    /** Why it was rejected (S): a {@code RejectReason} name. */
    public static final String REASON = "reason";
    /** What exactly (S, bounded): the field, the value. */
    public static final String DETAIL = "detail";
    /** The record's Kafka timestamp (N, epoch milliseconds). */
    public static final String KAFKA_TIMESTAMP = "kafka_timestamp";
    /** When it was rejected (S, ISO-8601 UTC). */
    public static final String REJECTED_AT = "rejected_at";
    /** The value's bytes (B), cut at a bound; absent for a record without a value or with an empty one. */
    public static final String RAW = "raw";
    /** The value's size before any cut (N). */
    public static final String RAW_SIZE = "raw_size";
    /** The SHA-256 of the whole value (S, hex), present only when {@link #RAW} was cut. */
    public static final String RAW_SHA256 = "raw_sha256";
    /** How many records with different bytes share the position (N); only for {@code CONFLICTING_RECORDS}. */
    public static final String RECORDS = "records";
    /** Each conflicting record's bytes (L of B), each cut as {@link #RAW} is, while they fit a bound. */
    public static final String CONFLICTING_RAWS = "conflicting_raws";
    /** Each conflicting record's SHA-256 (L of S, hex), up to a bound. */
    public static final String CONFLICTING_SHA256S = "conflicting_sha256s";

    private RejectsTable() {}

    /** The table as {@code template.yaml} declares it (on-demand, keyed {@link #SOURCE} and {@link #OFFSET}). */
    public static CreateTableRequest createRequest(String tableName) {
        return OnDemandTable.keyed(tableName, SOURCE, ScalarAttributeType.S, OFFSET, ScalarAttributeType.N);
    }
}
