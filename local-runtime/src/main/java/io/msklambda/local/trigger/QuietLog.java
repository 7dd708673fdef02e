package io.msklambda.local.trigger;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Log lines of a kind that can come by the thousand (a poison record in every batch): the first few as they come, then
 * at most one per {@link #QUIET} saying how many more there were.
 */
final class QuietLog {

    static final int FIRST = 3;
    static final Duration QUIET = Duration.ofSeconds(5);

    private final PrintWriter log;
    private final String what;
    private final LongSupplier nanoTime;
    private long lines;
    private long unprinted;
    private long lastLine;

    /** @param what the kind of event, for the summary line ("batches given up") */
    QuietLog(PrintWriter log, String what, LongSupplier nanoTime) {
        this.log = log;
        this.what = what;
        this.nanoTime = nanoTime;
    }

    synchronized void line(String text) {
        long now = nanoTime.getAsLong();
        if (lines < FIRST) {
            print(now, text);
        } else if (now - lastLine >= QUIET.toNanos()) {
            print(now, text + (unprinted == 0 ? "" : " (and " + unprinted + " more " + what + " since the last line)"));
            unprinted = 0;
        } else {
            unprinted++;
        }
    }

    private void print(long now, String text) {
        lines++;
        lastLine = now;
        log.println("trigger: " + text);
        log.flush();
    }
}
