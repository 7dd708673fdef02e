package io.msklambda.model;

/**
 * What a {@link RecordObserver} makes of one record: a {@link Reading} (the record adds its value to its series'
 * window) or a {@link DecodeResult.Rejected} (the record is kept in the rejects table with its reason and detail).
 * Sealed: the two are all there is.
 *
 * <pre>{@code
 * Observed observed = observer.observe(key, value);
 * if (observed instanceof Reading reading) {
 *     add(reading.series(), reading.eventTime(), reading.value());
 * } else {
 *     keep((DecodeResult.Rejected) observed);
 * }
 * }</pre>
 */
public sealed interface Observed permits Reading, DecodeResult.Rejected {}
