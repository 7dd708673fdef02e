package io.msklambda.local.pipeline;

import io.msklambda.local.schedule.ScheduleFanOut;
import io.msklambda.model.ConfigSource;
import io.msklambda.producer.ProducerHandler;
import io.msklambda.producer.ProducerSettings;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The producer function on the run's schedule: at every tick, N concurrent invocations, each in an environment of
 * its own over the run's shared clients, which count what the cluster acknowledged.
 */
final class ScheduledProducers implements AutoCloseable {

    private final Workload workload;
    private final Acknowledgements acknowledgements = new Acknowledgements();
    private final ProducerClients clients;
    private final ScheduleFanOut fanOut;
    private final List<ScheduleFanOut.Invocation> invocations = new ArrayList<>();
    private volatile boolean producing;

    /**
     * @param client      the producer's client properties on the stack
     * @param environment the producer's variables, as its settings read them
     * @param seeds       a seed for each new environment's random source
     */
    ScheduledProducers(
            PipelineOptions options,
            Map<String, Object> client,
            Map<String, String> environment,
            Clock clock,
            PrintStream functionLog,
            LongSupplier seeds) {
        this.workload = options.workload();
        this.clients = new ProducerClients(client, acknowledgements);
        ProducerSettings producerSettings = ProducerSettings.from(new ConfigSource(environment));
        this.fanOut = new ScheduleFanOut(
                () -> new ProducerHandler(producerSettings, clients, clock, new SplittableRandom(seeds.getAsLong())),
                options.schedule(),
                options.producerTimeout(),
                options.limits().producerMemoryMb(),
                clock,
                functionLog);
    }

    /** From now on the run counts as producing (a fault may wait for that). */
    void begin() {
        producing = true;
    }

    /**
     * Fires every tick of the schedule on time from {@code start}, then waits for the invocations to return; what
     * returned is kept, also when interrupted.
     *
     * @param step        how often the wait looks whether the run was interrupted
     * @param interrupted whether the run was interrupted: the flag is the truth, a library may swallow an interrupt
     */
    void fire(long start, Duration step, BooleanSupplier interrupted) throws InterruptedException {
        List<CompletableFuture<List<ScheduleFanOut.Invocation>>> ticks = new ArrayList<>();
        try {
            for (int tick = 0; tick < workload.ticks(); tick++) {
                long due = start + tick * workload.tick().toNanos();
                while (System.nanoTime() < due) {
                    TimeUnit.NANOSECONDS.sleep(Math.min(step.toNanos(), due - System.nanoTime()));
                    requireNot(interrupted);
                }
                ticks.add(fanOut.tick(tick));
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(ticks.toArray(CompletableFuture[]::new));
            while (!all.isDone()) {
                TimeUnit.NANOSECONDS.sleep(step.toNanos());
                requireNot(interrupted);
            }
        } finally {
            producing = false;
            ticks.stream().filter(CompletableFuture::isDone).forEach(tick -> invocations.addAll(tick.join()));
        }
    }

    private static void requireNot(BooleanSupplier interrupted) throws InterruptedException {
        if (interrupted.getAsBoolean()) {
            throw new InterruptedException();
        }
    }

    /** Whether the producers are firing their ticks. */
    boolean producing() {
        return producing;
    }

    /** The invocations that returned so far, in the order their ticks ended. */
    List<ScheduleFanOut.Invocation> invocations() {
        return invocations;
    }

    /** The invocations the schedule holds that have not returned. */
    int unfinished() {
        return workload.ticks() * workload.concurrency() - invocations.size();
    }

    Acknowledgements acknowledgements() {
        return acknowledgements;
    }

    ProducerClients clients() {
        return clients;
    }

    /** Stops firing: invocations under way are ended where they are. */
    @Override
    public void close() {
        producing = false;
        fanOut.close();
    }
}
