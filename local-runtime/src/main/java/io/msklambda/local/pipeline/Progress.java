package io.msklambda.local.pipeline;

import io.msklambda.local.schedule.ScheduleFanOut;
import io.msklambda.local.trigger.MskTrigger;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Prints a progress line: records on the topic and delivered so far, their rates, and the consumer's lag. */
final class Progress {

    private final PrintWriter out;
    private final MskTrigger trigger;
    private final ScheduleFanOut fanOut;
    private final long start = System.nanoTime();
    private long lastTime = start;
    private long lastProduced;
    private long lastConsumed;

    Progress(PrintWriter out, MskTrigger trigger, ScheduleFanOut fanOut) {
        this.out = out;
        this.trigger = trigger;
        this.fanOut = fanOut;
    }

    void sleepAndPrint(long nanos) throws InterruptedException {
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
        print();
    }

    void print() {
        long now = System.nanoTime();
        long consumed = trigger.delivered().records();
        // the topic's end offsets are sampled a moment before the delivered count: what was consumed was produced
        long produced = Math.max(trigger.topicEnd(), consumed);
        double seconds = Math.max(1e-3, (now - lastTime) / 1e9);
        out.printf(Locale.ROOT, "[%4ds] produced %,9d (%,7.0f/s)  consumed %,9d (%,7.0f/s)  lag %,7d  acknowledged %,9d%n",
                TimeUnit.NANOSECONDS.toSeconds(now - start), produced, (produced - lastProduced) / seconds,
                consumed, (consumed - lastConsumed) / seconds, Math.max(0, trigger.lag()), fanOut.acknowledged());
        lastTime = now;
        lastProduced = produced;
        lastConsumed = consumed;
    }
}
