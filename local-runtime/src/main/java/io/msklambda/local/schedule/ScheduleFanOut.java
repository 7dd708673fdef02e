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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What the EventBridge rule with N targets does: at each tick, N concurrent invocations of the producer, each
 * with a scheduled event whose {@code detail} names its shard. Like Lambda, each invocation runs in an
 * execution environment of its own (its own handler instance, built as the runtime builds it); an idle
 * environment is reused at a later tick, and a new one is made while all are busy.
 */
public final class ScheduleFanOut implements AutoCloseable {

    /** What one invocation gave: its report, also when it failed (then with the error). */
    public record Invocation(int tick, int shard, ProduceReport report, Exception error) {
    }

    private final Supplier<ProducerHandler> newEnvironment;
    private final int concurrency;
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

    public ScheduleFanOut(Supplier<ProducerHandler> newEnvironment, int concurrency, Duration functionTimeout,
                          Clock clock, PrintStream functionLog) {
        this.newEnvironment = newEnvironment;
        this.concurrency = concurrency;
        this.functionTimeout = functionTimeout;
        this.clock = clock;
        this.functionLog = functionLog;
    }

    /** Fires one tick: N invocations at once; the future completes when all have returned. */
    public CompletableFuture<List<Invocation>> tick(int tick) {
        List<CompletableFuture<Invocation>> running = new ArrayList<>();
        for (int shard = 0; shard < concurrency; shard++) {
            int s = shard;
            running.add(CompletableFuture.supplyAsync(() -> invoke(tick, s), invocations));
        }
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                .thenApply(done -> running.stream().map(CompletableFuture::join).toList());
    }

    /** Records acknowledged by the broker so far, over every invocation that has returned. */
    public long acknowledged() {
        return acknowledged.get();
    }

    private Invocation invoke(int tick, int shard) {
        ProducerHandler environment = environment();
        try {
            ProduceReport report = environment.handleRequest(event(shard),
                    new LocalContext("ProducerFunction", functionTimeout, 512, functionLog));
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

    /** The event an EventBridge target with an input transformer sends: a scheduled event naming the shard. */
    private ScheduledEvent event(int shard) {
        String json = "{\"version\":\"0\",\"id\":\"" + UUID.randomUUID() + "\",\"detail-type\":\"Scheduled Event\","
                + "\"source\":\"aws.events\",\"account\":\"000000000000\",\"time\":\"" + clock.instant().truncatedTo(ChronoUnit.SECONDS)
                + "\",\"region\":\"us-east-1\",\"resources\":[\"arn:aws:events:us-east-1:000000000000:rule/local-schedule\"],"
                + "\"detail\":{\"shard\":" + shard + ",\"shards\":" + concurrency + "}}";
        return LambdaSerialization.fromJson(json.getBytes(StandardCharsets.UTF_8), ScheduledEvent.class);
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
