/**
 * The model both functions share: the records on the topic ({@link io.msklambda.model.Order},
 * {@link io.msklambda.model.Telemetry}), their one JSON codec ({@link io.msklambda.model.JsonCodec}, with the
 * {@link io.msklambda.model.RecordReader} that reads every variant producers write), event times and tumbling windows,
 * the precision rule of aggregated numbers ({@link io.msklambda.model.AggregatedDecimal}), and the configuration reading both functions' settings use ({@link io.msklambda.model.ConfigSource},
 * {@link io.msklambda.model.InvalidConfigException}).
 *
 * <p>What a record contributes to the aggregates is a {@link io.msklambda.model.RecordObserver}'s to say, a public API
 * a team may implement: it returns an {@link io.msklambda.model.Observed}, a {@link io.msklambda.model.Reading} (series,
 * event time, value) or a {@link io.msklambda.model.DecodeResult.Rejected}. The consumer's two are
 * {@link io.msklambda.model.PresetObserver} (orders and telemetry) and {@link io.msklambda.model.PointerReader} (any
 * JSON record, by JSON Pointers).
 *
 * <p>It is in both Lambda jars, so it depends on Jackson's streaming API alone.
 *
 * <p>Must not import: {@code io.msklambda.producer}, {@code io.msklambda.consumer}, {@code io.msklambda.local},
 * {@code org.apache.kafka}, {@code software.amazon.awssdk}.
 */
package io.msklambda.model;
