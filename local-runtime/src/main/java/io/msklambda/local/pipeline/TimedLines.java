package io.msklambda.local.pipeline;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The run's event lines (the trigger's: a batch failing, still failing, recovered; a poller stopped) as the run prints
 * them: each prefixed with the run time, {@code [  12s] }, as the progress lines and the faults' lines are, so that the
 * three read as one timeline. A line goes out whole, under the output's lock: a progress line printed by another
 * thread never lands in the middle of one.
 */
final class TimedLines extends Writer {

    private final PrintWriter out;
    private final StringBuilder line = new StringBuilder();
    /** The producers' start (System.nanoTime), from which faults and progress count too; published by started. */
    private long startNanos;

    private volatile boolean started;

    TimedLines(PrintWriter out) {
        this.out = out;
    }

    /** The same format as every other line of the run that says when. */
    static String stamp(long startNanos, long nowNanos) {
        return String.format(Locale.ROOT, "[%4ds] ", TimeUnit.NANOSECONDS.toSeconds(nowNanos - startNanos));
    }

    /** Lines from now on carry the time since {@code startNanos}; those before (the trigger starting) carry none. */
    void startAt(long startNanos) {
        this.startNanos = startNanos;
        started = true;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        synchronized (lock) {
            for (int i = offset; i < offset + length; i++) {
                line.append(chars[i]);
                if (chars[i] == '\n') {
                    emit();
                }
            }
        }
    }

    /** A line not ended yet stays until it is: flushing it half would let another line in behind it. */
    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (!line.isEmpty()) {
                line.append(System.lineSeparator());
                emit();
            }
        }
    }

    private void emit() {
        String text = (started ? stamp(startNanos, System.nanoTime()) : "") + line;
        line.setLength(0);
        synchronized (out) {
            out.print(text);
            out.flush();
        }
    }
}
