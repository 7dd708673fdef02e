package io.msklambda.producer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Counts one invocation's records from {@code send()} to the broker's answer. One instance is the callback of
 * every record (no lambda per record), and the acknowledged count is only ever what the broker confirmed.
 */
final class DeliveryTracker implements Callback {

    private final AtomicLong outstanding = new AtomicLong();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder acknowledgedBytes = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicReference<Exception> firstError = new AtomicReference<>();
    private final Object settled = new Object();
    /** Read before every send, so a plain volatile flag rather than the adder's sum. */
    private volatile boolean anyFailed;

    private long attempted;

    /** Called by the publishing thread before each {@code send()}. */
    void sending() {
        attempted++;
        outstanding.incrementAndGet();
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception error) {
        if (error == null) {
            acknowledged.increment();
            acknowledgedBytes.add(Math.max(0, metadata.serializedValueSize()));
        } else {
            failed.increment();
            firstError.compareAndSet(null, error);
            anyFailed = true;
        }
        if (outstanding.decrementAndGet() == 0) {
            synchronized (settled) {
                settled.notifyAll();
            }
        }
    }

    /** Waits until every record sent so far is acknowledged or failed; false if {@code timeout} ran out first. */
    boolean awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (settled) {
            while (outstanding.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(settled, left);
            }
        }
        return true;
    }

    boolean hasFailed() {
        return anyFailed;
    }

    long attempted() {
        return attempted;
    }

    long acknowledged() {
        return acknowledged.sum();
    }

    long acknowledgedBytes() {
        return acknowledgedBytes.sum();
    }

    long failed() {
        return failed.sum();
    }

    long outstanding() {
        return outstanding.get();
    }

    Exception firstError() {
        return firstError.get();
    }
}
