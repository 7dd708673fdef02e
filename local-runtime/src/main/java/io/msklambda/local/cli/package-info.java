/**
 * The {@code msk-local} command line (picocli): its commands, options, their checks and exit codes. The top of
 * the local runtime: nothing else imports it.
 *
 * <p>Must not import: (none)
 */
package io.msklambda.local.cli;
