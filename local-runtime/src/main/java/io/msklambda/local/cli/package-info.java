/**
 * The {@code msk-local} command line (picocli): its commands, options, their checks and exit codes. The top of
 * the local runtime: nothing else in it imports this package. From outside, the benchmarks module's jar builds on
 * {@code MskLocal.commandLine(…)} and {@code MskLocal.execute(…)} alone, to add its {@code bench}.
 *
 * <p>Must not import: (none)
 */
package io.msklambda.local.cli;
