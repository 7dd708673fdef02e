/**
 * The embedded Kafka cluster (KRaft, one to nine brokers in this JVM): listeners for PLAINTEXT, TLS and IAM,
 * topics, rolling restarts and broker faults. Knows nothing of the functions it serves beyond the producer's
 * authentication modes.
 *
 * <p>Must not import: {@code io.msklambda.local.pipeline}, {@code io.msklambda.local.stack},
 * {@code io.msklambda.local.cli}, {@code io.msklambda.local.trigger}, {@code io.msklambda.local.dynamodb},
 * {@code io.msklambda.consumer}.
 */
package io.msklambda.local.kafka;
