package io.msklambda.local.pipeline;

import io.msklambda.local.trigger.MskTrigger;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The progress line, every interval from the producers' start until the consumer has drained, on a thread of its own:
 * records the producers' clients had acknowledged, records the trigger had delivered to the consumer, the rates of
 * both since the last line, the consumer group's lag as the brokers have it ({@link BrokerLag}), and the trigger's
 * retries so far. Every figure is a counter that the producers' and the trigger's threads bump as they go; none is
 * asked of those threads. So a trigger stuck retrying a batch, a producer blocked on a broker that is down or a drain
 * at the end cannot hold a line back or freeze a figure in it.
 */
final class Progress implements AutoCloseable {

    private final PrintWriter out;
    private final MskTrigger trigger;
    private final Acknowledgements acknowledgements;
    private final BrokerLag lag;
    private final Duration every;
    private final ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "pipeline-progress");
        thread.setDaemon(true);
        return thread;
    });
    // the printer's thread's own; start() writes them before it schedules, finish() reads them after it stopped
    private boolean started;
    private boolean lagClosed;
    private long start;
    private long lastTime;
    private long lastAcknowledged;
    private long lastConsumed;

    /** @param lag started and closed here */
    Progress(PrintWriter out, MskTrigger trigger, Acknowledgements acknowledgements, BrokerLag lag, Duration every) {
        this.out = out;
        this.trigger = trigger;
        this.acknowledgements = acknowledgements;
        this.lag = lag;
        this.every = every;
    }

    /**
     * How far the consumer is behind, estimated without asking the brokers: the trigger's own lag (end offsets less
     * committed offsets, as its pollers last measured it) or, while it is busy retrying a batch and so not measuring,
     * what was acknowledged and not yet handled (delivered, filtered out or given up), whichever is larger.
     */
    static long lag(MskTrigger trigger, Acknowledgements acknowledgements) {
        long handled = trigger.delivered().records()
                + trigger.delivered().filtered()
                + trigger.delivered().sentToDestination()
                + trigger.delivered().discarded();
        return Math.max(0, Math.max(trigger.lag(), acknowledgements.acknowledged() - handled));
    }

    /** Starts the lines; their times count from {@code startNanos} (System.nanoTime), as the faults' do. */
    void start(long startNanos) {
        started = true;
        start = startNanos;
        lastTime = startNanos;
        lag.start();
        printer.scheduleWithFixedDelay(this::printInterval, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the lines and prints a last one, its lag read now rather than taken from the last reading. */
    void finish() {
        if (stop()) {
            print(lag.readNow());
        }
    }

    /** Stops the lines without another; the lag's client closes. Once is enough, a second call does nothing. */
    @Override
    public void close() {
        stop();
        if (!lagClosed) {
            lagClosed = true;
            lag.close();
        }
    }

    /** @return whether the lines had been started and are stopped now */
    private boolean stop() {
        if (printer.isShutdown()) {
            return false;
        }
        printer.shutdownNow();
        try {
            return printer.awaitTermination(every.toMillis(), TimeUnit.MILLISECONDS) && started;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A reading older than one interval would describe the last line's moment, not this one's. */
    private void printInterval() {
        try {
            print(lag.recent(every));
        } catch (RuntimeException e) {
            // a line lost, not the lines: the scheduler would run this no more after an exception
            synchronized (out) {
                out.println(TimedLines.stamp(start, System.nanoTime()) + "progress: " + e);
                out.flush();
            }
        }
    }

    private void print(OptionalLong brokerLag) {
        long now = System.nanoTime();
        // consumed before acknowledged: a record is acknowledged before the trigger can read it
        long consumed = trigger.delivered().records();
        long acknowledged = acknowledgements.acknowledged();
        long retries = trigger.retries();
        double seconds = Math.max(1e-3, (now - lastTime) / 1e9);
        String lagText = brokerLag.isPresent() ? String.format(Locale.ROOT, "%,7d", brokerLag.getAsLong()) : "      ?";
        String retriesText = retries == 0 ? "" : String.format(Locale.ROOT, "  retries %,d", retries);
        synchronized (out) {
            out.printf(
                    Locale.ROOT,
                    "%sacknowledged %,9d (%,7.0f/s)  consumed %,9d (%,7.0f/s)  lag %s%s%n",
                    TimedLines.stamp(start, now),
                    acknowledged,
                    (acknowledged - lastAcknowledged) / seconds,
                    consumed,
                    (consumed - lastConsumed) / seconds,
                    lagText,
                    retriesText);
            out.flush();
        }
        lastTime = now;
        lastAcknowledged = acknowledged;
        lastConsumed = consumed;
    }
}
