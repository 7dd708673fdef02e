package io.msklambda.local.pipeline;

import io.msklambda.local.trigger.MskTrigger;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The MSK trigger on a thread of its own: started with the run, drained at its end, or aborted. */
final class TriggerThread {

    private static final Duration ABORT_TIMEOUT = Duration.ofSeconds(30);

    private final MskTrigger trigger;
    private final Thread thread;

    /** Starts the trigger. */
    TriggerThread(MskTrigger trigger) {
        this.trigger = trigger;
        this.thread = new Thread(trigger, "msk-trigger");
        thread.start();
    }

    /**
     * Stops the trigger and waits, at most {@code timeout}, for it to deliver what is left and end.
     *
     * @param step        how often the wait looks whether the run was interrupted
     * @param interrupted whether the run was interrupted: the flag is the truth, a library may swallow an interrupt
     */
    void drain(Duration timeout, Duration step, BooleanSupplier interrupted) throws InterruptedException {
        trigger.stop();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (thread.isAlive() && System.nanoTime() < deadline) {
            thread.join(Math.max(
                    1, Math.min(step.toMillis(), TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
            if (interrupted.getAsBoolean()) {
                throw new InterruptedException();
            }
        }
    }

    /** Whether the trigger's thread has ended. */
    boolean ended() {
        return !thread.isAlive();
    }

    /** Aborts the trigger and gives its thread a while to end; the trigger's close() insists. */
    void abort() {
        if (!thread.isAlive()) {
            return;
        }
        trigger.abort();
        try {
            thread.join(ABORT_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
