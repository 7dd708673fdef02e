package io.msklambda.local.pipeline;

import io.msklambda.local.trigger.MskTrigger;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Prints a progress line: records the producers had acknowledged and the trigger had delivered so far, their
 * rates, and how far the consumer is behind.
 */
final class Progress {

    private final PrintWriter out;
    private final MskTrigger trigger;
    private final Acknowledgements acknowledgements;
    private final long start;
    private long lastTime;
    private long lastProduced;
    private long lastConsumed;

    /** @param start the run's start (System.nanoTime), from which the lines' times count, as the faults' do */
    Progress(PrintWriter out, MskTrigger trigger, Acknowledgements acknowledgements, long start) {
        this.out = out;
        this.trigger = trigger;
        this.acknowledgements = acknowledgements;
        this.start = start;
        this.lastTime = start;
    }

    void sleepAndPrint(long nanos) throws InterruptedException {
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
        print();
    }

    /**
     * How far the consumer is behind: the trigger's own lag (end offsets less committed offsets) or, while it is busy
     * retrying a batch and so not looking, what was acknowledged and not yet handled (delivered, filtered out or given
     * up), whichever is larger.
     */
    static long lag(MskTrigger trigger, Acknowledgements acknowledgements) {
        long handled = trigger.delivered().records() + trigger.delivered().filtered()
            + trigger.delivered().sentToDestination() + trigger.delivered().discarded();
        return Math.max(0, Math.max(trigger.lag(), acknowledgements.acknowledged() - handled));
    }

    void print() {
        long now = System.nanoTime();
        long consumed = trigger.delivered().records();
        long produced = acknowledgements.acknowledged();
        long lag = lag(trigger, acknowledgements);
        double seconds = Math.max(1e-3, (now - lastTime) / 1e9);
        synchronized (out) {
            out.printf(Locale.ROOT, "[%4ds] produced %,9d (%,7.0f/s)  consumed %,9d (%,7.0f/s)  lag %,7d%n",
                TimeUnit.NANOSECONDS.toSeconds(now - start), produced, (produced - lastProduced) / seconds,
                consumed, (consumed - lastConsumed) / seconds, lag);
            out.flush();
        }
        lastTime = now;
        lastProduced = produced;
        lastConsumed = consumed;
    }
}
