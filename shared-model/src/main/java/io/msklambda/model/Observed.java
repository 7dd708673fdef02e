package io.msklambda.model;

/**
 * What a {@link RecordObserver} makes of one record: a {@link Reading} (the record adds its value to its series'
 * window) or a {@link DecodeResult.Rejected} (the record is kept in the rejects table with its reason and detail).
 * Sealed, so a {@code switch} over it needs no default:
 *
 * <pre>{@code
 * switch (observer.observe(key, value)) {
 *     case Reading reading -> add(reading);
 *     case DecodeResult.Rejected rejected -> keep(rejected);
 * }
 * }</pre>
 */
public sealed interface Observed permits Reading, DecodeResult.Rejected {}
