package io.msklambda.local.faults;

import io.msklambda.local.dynamodb.EmbeddedDynamoDb;
import io.msklambda.local.kafka.EmbeddedKafka;
import io.msklambda.local.kafka.EmbeddedKafka.BrokerStop;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One scheduled fault on its own thread: waits for its time, injects, waits for its duration (or, for a rolling
 * restart, does its work), heals, then watches the pipeline catch up; logs each step and keeps what it saw for the
 * run's {@code faults:} line.
 */
final class InjectedFault implements Runnable {

    /** How long a rolling restart waits for the partitions of one broker to be in sync again, as MSK's patching does. */
    private static final Duration IN_SYNC_TIMEOUT = Duration.ofMinutes(5);

    private static final long WATCH_MILLIS = 100;
    /** Below this, a lag is noise of the batching window, not a backlog. */
    private static final long MIN_STEADY_LAG = 100;

    private final FaultSpec spec;
    private final FaultSchedule schedule;
    private final EmbeddedKafka kafka;
    private final EmbeddedDynamoDb dynamoDb;
    /** Written by the fault's thread, read by the summary's: each field is published by the volatile state. */
    private final List<String> effects = new java.util.concurrent.CopyOnWriteArrayList<>();

    private volatile State state = State.SCHEDULED;
    private volatile String failure;
    private volatile RunCounters before;
    private volatile RunCounters after;
    private volatile long injectedNanos;
    private volatile long healedNanos;
    private volatile long caughtUpNanos;
    private volatile long stoppedNanos;
    private volatile long writableNanos;
    private int brokerDown = -1;
    private long throttledBefore;

    /** Where a fault is in its life; {@link #FAILED} when injecting or healing it failed. */
    enum State {
        SCHEDULED,
        INJECTED,
        HEALED,
        CAUGHT_UP,
        FAILED;

        /** Whether nothing more is to come: healed (or caught up), or failed. */
        boolean over() {
            return this != SCHEDULED && this != INJECTED;
        }
    }

    InjectedFault(FaultSpec spec, FaultSchedule schedule, EmbeddedKafka kafka, EmbeddedDynamoDb dynamoDb) {
        this.spec = spec;
        this.schedule = schedule;
        this.kafka = kafka;
        this.dynamoDb = dynamoDb;
    }

    FaultSpec spec() {
        return spec;
    }

    State state() {
        return state;
    }

    @Override
    public void run() {
        try {
            schedule.sleepUntil(spec.at());
            before = schedule.counters();
            injectedNanos = System.nanoTime();
            inject();
            state = State.INJECTED;
            if (spec.kind() == FaultSpec.Kind.BROKER_RESTART) {
                rollingRestart();
            } else {
                watchUntil(injectedNanos + spec.duration().toNanos());
                heal();
            }
            healedNanos = System.nanoTime();
            state = State.HEALED;
            schedule.log("healed " + spec + ": " + String.join(", ", effects));
            while (schedule.counters().lag() > caughtUpLag() || needsWritable()) {
                watchUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WATCH_MILLIS));
            }
            caughtUpNanos = System.nanoTime();
            after = schedule.counters();
            state = State.CAUGHT_UP;
        } catch (InterruptedException | org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = "could not be " + (state == State.SCHEDULED ? "injected" : "healed") + ": " + e.getMessage();
            state = State.FAILED;
            schedule.log("fault " + spec + " " + failure);
        }
    }

    /** What it caused, for the {@code faults:} line. */
    String summary() {
        StringBuilder line = new StringBuilder(spec.toString());
        State now = state;
        switch (now) {
            case SCHEDULED -> line.append(" not injected (the run ended first)");
            case INJECTED -> line.append(" injected, not healed (the run ended first)");
            case FAILED -> line.append(" ").append(failure);
            default -> {
                line.append(": ").append(String.join(", ", effects));
                if (writableNanos > 0) {
                    line.append(String.format(
                            Locale.ROOT,
                            ", partition 0 acknowledged again %.1f s after the stop",
                            (writableNanos - stoppedNanos) / 1e9));
                }
                RunCounters caused = (now == State.CAUGHT_UP ? after : schedule.counters()).minus(before);
                line.append(String.format(
                        Locale.ROOT,
                        ", leader changes %d, producer retries %,d, failed sends %,d, "
                                + "failed batches %,d, trigger retries %,d",
                        caused.leaderChanges(),
                        caused.producerRetries(),
                        caused.failedSends(),
                        caused.failedBatches(),
                        caused.triggerRetries()));
                line.append(
                        now == State.CAUGHT_UP
                                ? String.format(
                                        Locale.ROOT,
                                        ", caught up %.1f s after healing",
                                        (caughtUpNanos - healedNanos) / 1e9)
                                : ", not caught up when the run ended");
            }
        }
        return line.toString();
    }

    private void inject() {
        switch (spec.kind()) {
            case BROKER_RESTART ->
                schedule.log("fault " + spec + ": restarting "
                        + kafka.brokerIds().size() + " brokers one at a time, each with a controlled shutdown");
            case BROKER_KILL -> {
                brokerDown = kafka.leader(schedule.topic(), 0)
                        .orElse(kafka.brokerIds().get(0));
                kafka.stopBroker(brokerDown, BrokerStop.HARD);
                stoppedNanos = System.nanoTime();
                schedule.log("fault " + spec + ": broker " + brokerDown + " (leader of " + schedule.topic()
                        + "-0) stopped hard for " + FaultSpec.seconds(spec.duration()));
            }
            case DYNAMODB_OUTAGE -> {
                dynamoDb.stopServing();
                schedule.log("fault " + spec + ": DynamoDB at " + dynamoDb.endpoint() + " refuses connections for "
                        + FaultSpec.seconds(spec.duration()));
            }
            case DYNAMODB_THROTTLE -> {
                throttledBefore = dynamoDb.throttledRequests();
                dynamoDb.startThrottling();
                schedule.log("fault " + spec + ": DynamoDB throttles every request for "
                        + FaultSpec.seconds(spec.duration()));
            }
        }
    }

    private void heal() {
        switch (spec.kind()) {
            case BROKER_RESTART -> throw new IllegalStateException("a rolling restart heals broker by broker");
            case BROKER_KILL -> {
                long start = System.nanoTime();
                kafka.startBroker(brokerDown);
                effects.add(String.format(
                        Locale.ROOT,
                        "broker %d down %.1f s, back in %.1f s",
                        brokerDown,
                        (start - injectedNanos) / 1e9,
                        (System.nanoTime() - start) / 1e9));
            }
            case DYNAMODB_OUTAGE -> {
                dynamoDb.resumeServing();
                effects.add(String.format(
                        Locale.ROOT, "DynamoDB unreachable %.1f s", (System.nanoTime() - injectedNanos) / 1e9));
            }
            case DYNAMODB_THROTTLE -> {
                dynamoDb.stopThrottling();
                effects.add(String.format(
                        Locale.ROOT,
                        "%,d requests throttled in %.1f s",
                        dynamoDb.throttledRequests() - throttledBefore,
                        (System.nanoTime() - injectedNanos) / 1e9));
            }
        }
    }

    /** MSK's patching: one broker after another, the next only once every partition is in sync again. */
    private void rollingRestart() throws InterruptedException {
        for (int broker : kafka.brokerIds()) {
            long start = System.nanoTime();
            kafka.stopBroker(broker, BrokerStop.CONTROLLED);
            kafka.startBroker(broker);
            boolean inSync = kafka.awaitFullyReplicated(IN_SYNC_TIMEOUT);
            String step = String.format(
                    Locale.ROOT,
                    "broker %d restarted%s in %.1f s",
                    broker,
                    inSync ? " and in sync" : " (partitions still under-replicated)",
                    (System.nanoTime() - start) / 1e9);
            effects.add(step);
            schedule.log(spec + ": " + step);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /**
     * The consumer has caught up once its lag is back under twice what it was when the fault struck: while the
     * producers run, the lag never stays at 0 (each batch waits for its batching window), so "0" would measure when
     * the producers stopped rather than the recovery.
     */
    private long caughtUpLag() {
        return 2 * Math.max(before.lag(), MIN_STEADY_LAG);
    }

    /** A killed leader's partition 0: waits to see it acknowledge a record again (the producers' recovery). */
    private boolean needsWritable() {
        return spec.kind() == FaultSpec.Kind.BROKER_KILL && writableNanos == 0 && schedule.producing();
    }

    private void watchUntil(long deadlineNanos) throws InterruptedException {
        while (System.nanoTime() < deadlineNanos) {
            if (spec.kind() == FaultSpec.Kind.BROKER_KILL && writableNanos == 0 && stoppedNanos > 0) {
                long acknowledged = schedule.lastAcknowledgedNanos(0);
                if (acknowledged > stoppedNanos) {
                    writableNanos = acknowledged;
                }
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(
                    TimeUnit.MILLISECONDS.toNanos(WATCH_MILLIS), Math.max(0, deadlineNanos - System.nanoTime())));
        }
    }
}
