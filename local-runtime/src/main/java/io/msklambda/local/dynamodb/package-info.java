/**
 * DynamoDB Local in this JVM, with the consumer's tables as the template declares them, and its faults
 * (throttling, outages) for the fault runs.
 *
 * <p>Must not import: {@code io.msklambda.local.pipeline}, {@code io.msklambda.local.stack},
 * {@code io.msklambda.local.cli}, {@code io.msklambda.local.kafka}, {@code io.msklambda.producer}.
 */
package io.msklambda.local.dynamodb;
