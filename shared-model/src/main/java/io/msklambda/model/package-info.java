/**
 * The model both functions share: the records on the topic ({@link io.msklambda.model.Order},
 * {@link io.msklambda.model.Telemetry}), their one JSON codec ({@link io.msklambda.model.JsonCodec}, with the
 * {@link io.msklambda.model.RecordReader} that reads every variant producers write), event times and tumbling windows,
 * the precision rule of aggregated numbers ({@link io.msklambda.model.AggregatedDecimal}), and the configuration reading both functions' settings use ({@link io.msklambda.model.ConfigSource},
 * {@link io.msklambda.model.InvalidConfigException}).
 *
 * <p>It is in both Lambda jars, so it depends on Jackson's streaming API alone.
 *
 * <p>Must not import: {@code io.msklambda.producer}, {@code io.msklambda.consumer}, {@code io.msklambda.local},
 * {@code org.apache.kafka}, {@code software.amazon.awssdk}.
 */
package io.msklambda.model;
