/**
 * The benchmarks {@code bench} runs, each against a baseline measured side by side in the same run, and their
 * results file and chart. Starts its services through the local stack, or by hand where the service is the point;
 * runs no command.
 *
 * <p>Must not import: {@code io.msklambda.bench.cli}, {@code io.msklambda.local.cli}, {@code io.msklambda.local.pipeline},
 * {@code io.msklambda.local.up}, {@code io.msklambda.local.invoke}.
 */
package io.msklambda.bench;
