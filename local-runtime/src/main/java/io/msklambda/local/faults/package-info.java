/**
 * Faults as production has them, injected on a schedule into a run: broker restarts and outages, DynamoDB
 * throttling and outages, poison records.
 *
 * <p>Must not import: {@code io.msklambda.local.pipeline}, {@code io.msklambda.local.stack},
 * {@code io.msklambda.local.cli}.
 */
package io.msklambda.local.faults;
