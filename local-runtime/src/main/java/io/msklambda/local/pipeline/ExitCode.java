package io.msklambda.local.pipeline;

/**
 * The exit codes of every {@code msk-local} command, in one place because the README documents them as one table and
 * scripts branch on them.
 */
public final class ExitCode {

    /** {@code pipeline}: the accounts agree; {@code invoke}: the handler returned; the others: done. */
    public static final int OK = 0;
    /** {@code pipeline}: the accounts disagree; {@code invoke}: the function failed (init, handler, timeout, size). */
    public static final int FAILED = 1;
    /** A bad option, variable, template, policy or event: told before anything starts, or refused by IAM. */
    public static final int USAGE = 2;
    /** A service failed past its retries: unreachable, the trigger stopped, the consumer did not catch up. */
    public static final int SERVICE_FAILED = 3;
    /** Ctrl-C or SIGTERM, as shells report a process ended by SIGINT (128 + 2). */
    public static final int INTERRUPTED = 130;

    private ExitCode() {}
}
