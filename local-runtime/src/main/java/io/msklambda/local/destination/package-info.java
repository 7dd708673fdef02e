/**
 * The trigger's on-failure destinations, embedded: a Kafka topic, an SQS queue (ElasticMQ) or a file, each
 * keeping what Lambda sends there.
 *
 * <p>Must not import: {@code io.msklambda.local.pipeline}, {@code io.msklambda.local.cli},
 * {@code io.msklambda.producer}, {@code io.msklambda.consumer}.
 */
package io.msklambda.local.destination;
