/**
 * The MSK trigger (Lambda's event source mapping for Kafka), emulated: pollers, batching by size and window,
 * filters, retries, bisection, on-failure destinations and the events as Lambda builds them, for any handler.
 *
 * <p>Must not import: {@code io.msklambda.local.pipeline}, {@code io.msklambda.local.stack},
 * {@code io.msklambda.local.cli}, {@code io.msklambda.producer}.
 */
package io.msklambda.local.trigger;
