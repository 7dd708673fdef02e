package io.msklambda.local.faults;

import io.msklambda.local.dynamodb.EmbeddedDynamoDb;
import io.msklambda.local.kafka.EmbeddedKafka;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The run's {@code --fault}s: each injected at its time from the run's start and healed after its duration, on
 * its own thread, logged when injected and when healed, and summed up in one {@code faults:} line that names what
 * each caused. Faults act on the embedded services only: a real cluster's brokers or a real DynamoDB are not ours
 * to stop.
 */
public final class FaultSchedule implements AutoCloseable {

    private final List<InjectedFault> faults = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final String topic;
    private final RunProbe probe;
    private final BooleanSupplier producing;
    private final PrintWriter out;
    private final LeaderWatch leaders;
    private long startNanos;

    /**
     * @param kafka     the embedded cluster; null when the run uses a real one
     * @param dynamoDb  the embedded DynamoDB Local; null when the run uses a real endpoint
     * @param producing whether producer invocations are still running
     * @throws IllegalArgumentException if a fault needs an embedded service the run does not have
     */
    public FaultSchedule(
            List<FaultSpec> specs,
            EmbeddedKafka kafka,
            EmbeddedDynamoDb dynamoDb,
            String topic,
            RunProbe probe,
            BooleanSupplier producing,
            PrintWriter out) {
        for (FaultSpec spec : specs) {
            if (spec.kind().onKafka() ? kafka == null : dynamoDb == null) {
                throw new IllegalArgumentException("--fault " + spec + " needs the embedded "
                        + (spec.kind().onKafka() ? "Kafka cluster" : "DynamoDB Local"));
            }
        }
        this.topic = topic;
        this.probe = probe;
        this.producing = producing;
        this.out = out;
        this.leaders = specs.stream().anyMatch(spec -> spec.kind().onKafka()) ? new LeaderWatch(kafka, topic) : null;
        specs.forEach(spec -> faults.add(new InjectedFault(spec, this, kafka, dynamoDb)));
    }

    /** Starts the clock: every fault's time counts from {@code startNanos} (System.nanoTime). */
    public void start(long startNanos) {
        this.startNanos = startNanos;
        if (leaders != null) {
            leaders.start();
        }
        for (InjectedFault fault : faults) {
            Thread thread = new Thread(fault, "fault-" + fault.spec().kind().label());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    public boolean isEmpty() {
        return faults.isEmpty();
    }

    /** Waits until every fault has been injected and healed; false if some had not within {@code timeout}. */
    public boolean awaitHealed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (faults.stream().anyMatch(fault -> !fault.state().over())) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return true;
    }

    /** One line, {@code faults: ...}, with what each fault caused; empty when there were none. */
    public String summary() {
        return faults.isEmpty()
                ? ""
                : "faults: " + faults.stream().map(InjectedFault::summary).collect(Collectors.joining("; "));
    }

    /**
     * Stops the faults where they are and stops watching. What is still broken stays so: a stopped broker or an
     * unreachable DynamoDB closes as cleanly as a running one.
     */
    @Override
    public void close() {
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (leaders != null) {
            leaders.close();
        }
    }

    String topic() {
        return topic;
    }

    boolean producing() {
        return producing.getAsBoolean();
    }

    RunCounters counters() {
        RunCounters now = probe.counters();
        return leaders == null ? now : now.withLeaderChanges(leaders.changes());
    }

    long lastAcknowledgedNanos(int partition) {
        return probe.lastAcknowledgedNanos(partition);
    }

    void sleepUntil(Duration fromStart) throws InterruptedException {
        long wait = startNanos + fromStart.toNanos() - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    void log(String message) {
        synchronized (out) {
            out.printf(
                    Locale.ROOT,
                    "[%4ds] %s%n",
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos),
                    message);
            out.flush();
        }
    }
}
