package io.msklambda.local.lambda;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * A function's standard output (its metrics lines) and log are its log stream, not the local runtime's
 * report: while one of these is open they go nowhere, unless asked for. Closing restores standard output.
 */
public final class FunctionOutput implements AutoCloseable {

    /** Where discarded function logs go. */
    public static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());

    private final PrintStream standardOut = System.out;
    private final boolean shown;

    private FunctionOutput(boolean shown) {
        this.shown = shown;
        if (!shown) {
            System.setOut(DISCARD);
        }
    }

    /** Hides the functions' standard output unless {@code show}. */
    public static FunctionOutput hiddenUnless(boolean show) {
        return new FunctionOutput(show);
    }

    /** Where the functions' log lines go: standard error when shown, else nowhere. */
    public PrintStream log() {
        return shown ? System.err : DISCARD;
    }

    @Override
    public void close() {
        System.setOut(standardOut);
    }
}
