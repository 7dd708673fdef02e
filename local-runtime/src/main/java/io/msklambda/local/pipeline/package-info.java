/**
 * The {@code pipeline} command's run: schedule, producers, trigger and consumer over the local stack, with faults,
 * progress, and the reconciliation of what was acknowledged against what was aggregated.
 *
 * <p>Must not import: {@code io.msklambda.local.cli}, {@code io.msklambda.local.invoke}, {@code io.msklambda.local.up},
 * {@code io.msklambda.bench}.
 */
package io.msklambda.local.pipeline;
