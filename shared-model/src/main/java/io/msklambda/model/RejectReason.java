package io.msklambda.model;

/** Why a record could not be read as an {@link Event}. Stored with every rejected record. */
public enum RejectReason {
    /** The record has no value (a tombstone). */
    NULL_VALUE,
    /** The value is not valid base64 (Lambda delivers values base64-encoded). */
    NOT_BASE64,
    /** The bytes are not valid UTF-8. */
    NOT_UTF8,
    /** The text is not one JSON object. */
    NOT_JSON,
    /** A JSON object that is neither an order nor a telemetry reading. */
    UNKNOWN_SHAPE,
    /** A field the shape requires is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type or an unparsable value. */
    WRONG_TYPE,
    /** A number is NaN or infinite (JSON has no such numbers, but 1e999 overflows to infinity). */
    NON_FINITE_NUMBER,
    /** A number or timestamp is outside the range the model allows. */
    OUT_OF_RANGE,
    /**
     * Records at one position (topic, partition, offset) with different bytes: Kafka gives each record an offset of
     * its own, so nothing tells which of them is the record there; each is kept, none is aggregated.
     */
    CONFLICTING_RECORDS,
    /**
     * A {@link RecordObserver} given in code threw an exception for the record (or returned null): the record is kept
     * with the exception in its detail, and the rest of the batch is aggregated, as for any other bad record.
     */
    OBSERVER_FAILED
}
