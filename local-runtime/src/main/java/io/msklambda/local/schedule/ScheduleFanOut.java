package io.msklambda.local.schedule;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.msklambda.local.lambda.LambdaSerialization;
import io.msklambda.local.lambda.LocalContext;
import io.msklambda.producer.ProduceReport;
import io.msklambda.producer.ProducerHandler;
import io.msklambda.producer.PublishFailedException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What the EventBridge rule with N targets does: at each tick, N concurrent invocations of the producer, each
 * with its target's input ({@link TickEvents}: a scheduled event whose {@code detail} names its shard). Like Lambda, each invocation runs in an
 * execution environment of its own (its own handler instance, built as the runtime builds it); an idle
 * environment is reused at a later tick, and a new one is made while all are busy.
 */
public final class ScheduleFanOut implements AutoCloseable {

    /** What one invocation gave: its report, also when it failed (then with the error). */
    public record Invocation(int tick, int shard, ProduceReport report, Exception error) {}

    private final Supplier<ProducerHandler> newEnvironment;
    private final TickEvents events;
    private final int memoryMb;
    private final Duration functionTimeout;
    private final Clock clock;
    private final PrintStream functionLog;
    private final Queue<ProducerHandler> idle = new ConcurrentLinkedQueue<>();
    private final List<ProducerHandler> all = new ArrayList<>();
    private final ExecutorService invocations = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "producer-invocation");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong acknowledged = new AtomicLong();

    /**
     * @param events          what each target receives at a tick; one concurrent invocation per target
     * @param functionTimeout the producer's {@code Timeout}, which its context counts down
     */
    public ScheduleFanOut(
            Supplier<ProducerHandler> newEnvironment,
            TickEvents events,
            Duration functionTimeout,
            int memoryMb,
            Clock clock,
            PrintStream functionLog) {
        this.newEnvironment = newEnvironment;
        this.events = events;
        this.memoryMb = memoryMb;
        this.functionTimeout = functionTimeout;
        this.clock = clock;
        this.functionLog = functionLog;
    }

    /** Fires one tick: N invocations at once; the future completes when all have returned. */
    public CompletableFuture<List<Invocation>> tick(int tick) {
        List<CompletableFuture<Invocation>> running = new ArrayList<>();
        String tickId = TickEvents.newTickId();
        Instant time = clock.instant();
        for (int target = 0; target < events.targets(); target++) {
            int t = target;
            // rendered inside the invocation: a target whose input cannot be made fails that invocation, as on AWS
            running.add(CompletableFuture.supplyAsync(
                    () -> invoke(tick, t, () -> events.event(t, tickId, time)), invocations));
        }
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                .thenApply(done -> running.stream().map(CompletableFuture::join).toList());
    }

    /** Records acknowledged by the broker so far, over every invocation that has returned. */
    public long acknowledged() {
        return acknowledged.get();
    }

    private Invocation invoke(int tick, int shard, Supplier<String> event) {
        ProducerHandler environment = environment();
        try {
            ProduceReport report = environment.handleRequest(
                    LambdaSerialization.fromJson(event.get().getBytes(StandardCharsets.UTF_8), ScheduledEvent.class),
                    new LocalContext("ProducerFunction", functionTimeout, memoryMb, functionLog));
            acknowledged.addAndGet(report.sent());
            return new Invocation(tick, shard, report, null);
        } catch (PublishFailedException e) {
            acknowledged.addAndGet(e.report().sent()); // acknowledged records are on the topic all the same
            return new Invocation(tick, shard, e.report(), e);
        } catch (RuntimeException e) {
            return new Invocation(tick, shard, null, e);
        } finally {
            idle.add(environment);
        }
    }

    private ProducerHandler environment() {
        ProducerHandler environment = idle.poll();
        if (environment == null) {
            environment = newEnvironment.get();
            synchronized (all) {
                all.add(environment);
            }
        }
        return environment;
    }

    /** Closes every environment's producer. */
    @Override
    public void close() {
        invocations.shutdownNow();
        synchronized (all) {
            all.forEach(ProducerHandler::close);
        }
    }
}
