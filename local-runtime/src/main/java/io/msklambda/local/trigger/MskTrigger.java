package io.msklambda.local.trigger;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.msklambda.model.RecordObserver;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Emulates the MSK trigger (Lambda's Kafka event source mapping) in front of a function: {@link Pollers} consumers of
 * one group share the topic's partitions; each {@link Poller} gathers batches of its partitions and invokes the
 * function with one at a time, in an execution environment of its own, so partitions run concurrently and each in
 * offset order. An event is written as the trigger writes it ({@link MskEventJson}) and reaches the function through
 * the Lambda runtime's deserialization. A failed batch is handled by the mapping's {@link ErrorHandling}, by default
 * retried until it succeeds; offsets are committed once a batch is done with. {@link #stop()} drains, then ends;
 * {@link #abort()} ends soon, also in the middle of endless retries.
 *
 * <p>A fault option rewinds the group now and then, so that already committed records come again in batches with
 * other boundaries, as the real trigger may deliver them.
 */
public final class MskTrigger implements Runnable, AutoCloseable {

    /** An execution environment of the function behind the trigger. */
    @FunctionalInterface
    public interface Function {
        /** @return the function's response, which the trigger reads as a partial batch response when asked to */
        Object invoke(KafkaEvent event) throws Exception;
    }

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration JOIN_EVERY = Duration.ofMillis(20);

    private final TriggerOptions options;
    private final Supplier<Function> environments;
    private final OnFailureSink sink;
    private final int redeliverEvery;
    private final long seed;
    private final PrintWriter log;
    private final Delivered delivered;
    private final Map<TopicPartition, Long> startOffsets = new ConcurrentHashMap<>();
    private final GroupProgress progress = new GroupProgress();
    private final GroupAssignment assignment;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile List<Poller> pollers = List.of();
    private volatile boolean started;
    private volatile boolean stopping;
    private volatile boolean aborted;
    private volatile Exception failure;

    /**
     * @param environments   makes a new execution environment: one per poller
     * @param sink           the on-failure destination that {@code options.onFailure()} names; null without one
     * @param redeliverEvery after every this many successful batches of a poller, rewind and redeliver committed
     *                       records with shifted boundaries; 0 for never
     * @param observer       how the function reads a record, for the count per series of what was delivered
     *                       ({@link #delivered()}): the consumer's {@code ConsumerSettings.observer()}
     */
    public MskTrigger(
            TriggerOptions options,
            Supplier<Function> environments,
            OnFailureSink sink,
            int redeliverEvery,
            long seed,
            PrintWriter log,
            RecordObserver observer) {
        if ((options.onFailure() == null) != (sink == null)) {
            throw new IllegalArgumentException(
                    "a sink goes with an on-failure destination, and only with one: " + options.onFailure());
        }
        this.options = options;
        this.environments = environments;
        this.sink = sink;
        this.redeliverEvery = redeliverEvery;
        this.seed = seed;
        this.log = log;
        this.assignment = new GroupAssignment(options.pollers());
        this.delivered = new Delivered(observer);
    }

    /** Delivered records counted per series as the presets (orders and telemetry) name them. */
    public MskTrigger(
            TriggerOptions options,
            Supplier<Function> environments,
            OnFailureSink sink,
            int redeliverEvery,
            long seed,
            PrintWriter log) {
        this(options, environments, sink, redeliverEvery, seed, log, RecordObserver.presets());
    }

    /** One function shared by every poller (it must be thread-safe), no destination. */
    public MskTrigger(TriggerOptions options, Function function, int redeliverEvery, long seed, PrintWriter log) {
        this(options, () -> function, null, redeliverEvery, seed, log);
    }

    /**
     * Reads and delivers until {@link #stop()} and nothing is left, or until {@link #abort()}.
     */
    @Override
    public void run() {
        started = true;
        assignment.start();
        List<Thread> threads = new ArrayList<>();
        try {
            if (aborted) {
                return;
            }
            if (options.source().eventSourceArn() != null) {
                options.source()
                        .describeClusterConfiguration(
                                new ConnectionThrottle("describing the cluster's configuration", () -> aborted, log));
            }
            startPollers(threads);
            awaitPollers(threads);
        } catch (WakeupException e) {
            // aborted while waiting out the broker's connection rate limit: no failure of the trigger
        } catch (RuntimeException e) {
            failure = e;
            log.println("trigger: stopped by " + e);
            pollers.forEach(Poller::abort);
            awaitPollers(threads);
        } finally {
            if (threads.isEmpty()) {
                pollers.forEach(Poller::closeUnstarted);
            }
            finished.countDown();
        }
    }

    /** The first poller reads how many partitions the topic has, which decides how many more there are. */
    private void startPollers(List<Thread> threads) {
        Poller first = poller(0);
        pollers = List.of(first);
        int partitions = first.partitionCount();
        assignment.partitions(partitions);
        progress.expect(options.source().topic(), partitions);
        List<Poller> all = new ArrayList<>(List.of(first));
        for (int i = 1; i < options.pollers().count(partitions) && !aborted; i++) {
            all.add(poller(i));
        }
        pollers = List.copyOf(all);
        for (Poller poller : all) {
            if (stopping) {
                poller.stop();
            }
            if (aborted) {
                poller.abort();
            }
            Thread thread = new Thread(poller, "msk-trigger-poller-" + threads.size());
            threads.add(thread);
            thread.start();
        }
    }

    /** Delivers what is left, then ends {@link #run()}; a failing batch is retried for as long as allowed. */
    public void stop() {
        stopping = true;
        pollers.forEach(Poller::stop);
    }

    /**
     * Ends {@link #run()} soon without delivering what is left: at once in a wait between retries, else after the
     * invocations or polls under way. Unfinished batches and all after them stay uncommitted for the next trigger on
     * the group; {@link #pendingBatchRecords()} and {@link #lag()} say how much that is.
     */
    public void abort() {
        aborted = true;
        pollers.forEach(Poller::abort);
    }

    public boolean aborted() {
        return aborted;
    }

    /**
     * Waits until the pollers own every partition of the topic between them, each its share, and know where each starts (for
     * {@link StartingPosition#LATEST}, its end at that moment, committed at once): every record produced after this
     * returned true is delivered.
     *
     * @return false if that did not happen within the timeout, or the trigger ended first ({@link #failure()})
     */
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        return assignment.await(timeout, () -> pollers, finished);
    }

    /** Whether the group has spread the topic's partitions over the pollers ({@link GroupAssignment#settled}). */
    boolean settled() {
        return assignment.settled(pollers);
    }

    /** How many pollers read the topic; 0 until the trigger knows its partitions. */
    public int pollerCount() {
        return assignment.partitions() < 0 ? 0 : pollers.size();
    }

    /**
     * Where the group started in each partition when it was first assigned (its committed offsets, or the
     * starting position's): the records from there on are the ones this trigger is to deliver.
     */
    public Map<TopicPartition, Long> startOffsets() {
        return Map.copyOf(startOffsets);
    }

    /** Records read but not delivered: the batches being tried and those gathered after them. */
    public int pendingBatchRecords() {
        return pollers.stream().mapToInt(Poller::pendingRecords).sum();
    }

    /** Records on the topic not yet committed by the group; -1 until first known. */
    public long lag() {
        long total = 0;
        boolean known = false;
        for (Poller poller : pollers) {
            long lag = poller.lag();
            if (lag >= 0) {
                total += lag;
                known = true;
            }
        }
        return known ? total : -1;
    }

    public long invocations() {
        return pollers.stream()
                .mapToLong(poller -> poller.processor().invocations())
                .sum();
    }

    /** Invocations of batches that had failed before. */
    public long retries() {
        return pollers.stream()
                .mapToLong(poller -> poller.processor().account().retries())
                .sum();
    }

    /** Invocations that failed. */
    public long failedAttempts() {
        return pollers.stream()
                .mapToLong(poller -> poller.processor().account().failedAttempts())
                .sum();
    }

    /** Batches that failed at least once. */
    public long failedBatches() {
        return pollers.stream()
                .mapToLong(poller -> poller.processor().account().failedBatches())
                .sum();
    }

    /** The longest time from a batch's first failure to its success; zero if none recovered. */
    public Duration longestRecovery() {
        return pollers.stream()
                .map(poller -> poller.processor().account().longestRecovery())
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    /** Why the trigger stopped early, if it did: its own failure, or the first of a poller's. */
    public Exception failure() {
        if (failure != null) {
            return failure;
        }
        return pollers.stream()
                .map(Poller::failure)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    public Delivered delivered() {
        return delivered;
    }

    public TriggerOptions options() {
        return options;
    }

    /**
     * Aborts a running trigger and waits until it has ended and its pollers closed their consumers (each on its own
     * thread: a consumer is not to be used by two).
     *
     * @throws IllegalStateException if the trigger's threads did not end in time
     */
    @Override
    public void close() {
        abort(); // also before run() started: it then returns at once
        if (!started) {
            return;
        }
        try {
            if (!finished.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the trigger's pollers did not end within " + CLOSE_TIMEOUT.toSeconds()
                        + " s of being aborted");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Poller poller(int index) {
        RetryAccount account = new RetryAccount(log, System::nanoTime);
        BatchProcessor processor = new BatchProcessor(
                environments.get(),
                options.errors(),
                sink,
                new MskEventJson(
                        options.source().eventSourceArn(), options.source().bootstrapServers()),
                account,
                delivered,
                Clock.systemUTC(),
                log);
        return new Poller(
                options,
                processor,
                delivered,
                startOffsets,
                progress,
                this::settled,
                new Redelivery(redeliverEvery, seed + index),
                log);
    }

    /** Waits for the pollers to end; a poller's failure or an interrupt aborts them all (the interrupt is kept). */
    private void awaitPollers(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                if (!aborted && pollers.stream().anyMatch(poller -> poller.failure() != null)) {
                    abort(); // one poller stopped on an error: the trigger stops, as a mapping in a failed state
                }
                try {
                    thread.join(JOIN_EVERY.toMillis());
                } catch (InterruptedException e) {
                    interrupted = true;
                    abort();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "trigger[%s, group %s, %s, %d invocations, lag %d]",
                options.source().topic(),
                options.source().consumerGroup(),
                options.pollers(),
                invocations(),
                lag());
    }
}
