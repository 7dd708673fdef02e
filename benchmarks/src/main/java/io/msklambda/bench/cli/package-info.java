/**
 * The benchmarks module's command line: msk-local's, through its public {@code MskLocal.commandLine(…)}, with
 * {@code bench} and its benchmarks, and {@code bench jmh} handing on to JMH. The top of the benchmarks module: nothing
 * imports it.
 *
 * <p>Must not import: (none)
 */
package io.msklambda.bench.cli;
