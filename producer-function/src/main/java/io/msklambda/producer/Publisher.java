package io.msklambda.producer;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * One invocation's publishing: batches of {@code BATCH_SIZE} records every {@code BATCH_INTERVAL_MS} (or back
 * to back when it is 0) until {@code MAX_RUN_SEC}, then a wait for the last acknowledgements.
 *
 * <p>The run stops early enough to finish before Lambda's deadline: it keeps back the longest a last
 * {@code send()} may block ({@code max.block.ms}) plus {@code FLUSH_TIMEOUT_MS} for the acknowledgements. It
 * does not call {@code Producer.flush()}, which has no timeout; it waits on its own count of outstanding
 * records instead, which the producer's {@code linger.ms} drains on its own. The first failed record stops
 * the sending, since every later one would most likely fail the same way.
 *
 * <p>Where {@link GeneratorThread} says so, the records are made on a thread of this environment's own, ahead of the
 * sends ({@link RecordsAhead}); otherwise on the invocation's thread, each just before its send.
 */
final class Publisher implements AutoCloseable {

    /** Where a run's records come from, one at a time, in the generator's order. */
    interface RecordSource extends AutoCloseable {

        ProducerRecord<byte[], byte[]> next() throws InterruptedException;

        /** Ends the run's use of the generator; nothing to do when the records are made on the invocation's thread. */
        @Override
        default void close() {}
    }

    /** Kept back beyond the computed reserve for the handler's own return and Lambda's bookkeeping. */
    static final Duration SAFETY_MARGIN = Duration.ofMillis(500);
    /** How many records go out between two looks at the clock. */
    private static final int CLOCK_CHECK_EVERY = 64;

    private final ProducerSettings settings;
    private final RecordGenerator generator;
    private final Clock clock;
    private final long reserveNanos;
    /** The generator thread, for the environment's life; null when records are made on the invocation's thread. */
    private final ExecutorService generatorThread;

    Publisher(ProducerSettings settings, RecordGenerator generator, Clock clock) {
        this.settings = settings;
        this.generator = generator;
        this.clock = clock;
        this.reserveNanos = TimeUnit.MILLISECONDS.toNanos(KafkaProperties.maxBlockMillis(settings))
                + settings.flushTimeout().toNanos()
                + SAFETY_MARGIN.toNanos();
        boolean ahead = settings.generatorThread()
                .enabled(
                        settings.batchInterval(),
                        Runtime.getRuntime().availableProcessors(),
                        settings.functionMemoryMb());
        this.generatorThread = ahead
                ? Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "record-generator");
                    thread.setDaemon(true); // an environment Lambda freezes or retires must not wait for it
                    return thread;
                })
                : null;
    }

    /**
     * Publishes until the run's end and returns the report.
     *
     * @param remainingMillis the invocation's remaining time ({@code Context.getRemainingTimeInMillis()})
     * @throws PublishFailedException if any record was not acknowledged; its report has the counts
     */
    ProduceReport run(Producer<byte[], byte[]> producer, Shard shard, long remainingMillis)
            throws InterruptedException {
        long start = System.nanoTime();
        long budget =
                Math.min(settings.maxRun().toNanos(), TimeUnit.MILLISECONDS.toNanos(remainingMillis) - reserveNanos);
        if (budget <= 0) {
            throw new IllegalStateException("the invocation has " + remainingMillis + " ms left, but publishing needs "
                    + TimeUnit.NANOSECONDS.toMillis(reserveNanos) + " ms kept back to finish (max.block.ms + "
                    + "FLUSH_TIMEOUT_MS + margin): raise the function timeout");
        }
        DeliveryTracker tracker = new DeliveryTracker();
        try (RecordSource records = records(shard)) {
            sendBatches(producer, records, tracker, start + budget);
        }
        boolean settled = tracker.awaitSettled(settings.flushTimeout());
        ProduceReport report = ProduceReport.of(settings, shard, tracker, System.nanoTime() - start);
        if (report.failed() > 0) {
            throw new PublishFailedException(failureMessage(report, tracker, settled), report, tracker.firstError());
        }
        return report;
    }

    private RecordSource records(Shard shard) {
        if (generatorThread != null) {
            return RecordsAhead.start(generatorThread, generator, shard, clock);
        }
        return () -> generator.next(shard, clock.millis());
    }

    private void sendBatches(
            Producer<byte[], byte[]> producer, RecordSource records, DeliveryTracker tracker, long stopAt)
            throws InterruptedException {
        long interval = settings.batchInterval().toNanos();
        long nextBatch = System.nanoTime();
        while (System.nanoTime() < stopAt && !tracker.hasFailed()) {
            for (int i = 0; i < settings.batchSize(); i++) {
                // a send to an unreachable cluster blocks max.block.ms and fails at once: stop right there
                if (tracker.hasFailed()
                        || i % CLOCK_CHECK_EVERY == CLOCK_CHECK_EVERY - 1 && System.nanoTime() >= stopAt) {
                    return;
                }
                tracker.sending();
                producer.send(records.next(), tracker);
            }
            if (interval > 0) {
                nextBatch += interval;
                long sleep = Math.min(nextBatch, stopAt) - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
            }
        }
    }

    /** Ends the generator thread, if any. */
    @Override
    public void close() {
        if (generatorThread != null) {
            generatorThread.shutdownNow();
        }
    }

    private String failureMessage(ProduceReport report, DeliveryTracker tracker, boolean settled) {
        StringBuilder message = new StringBuilder()
                .append(report.failed())
                .append(" of ")
                .append(report.attempted())
                .append(" records were not acknowledged (sent ")
                .append(report.sent())
                .append(", failed ")
                .append(report.failed())
                .append(") in ")
                .append(report.elapsedMillis())
                .append(" ms");
        if (!settled) {
            message.append("; ")
                    .append(tracker.outstanding())
                    .append(" had no answer within FLUSH_TIMEOUT_MS=")
                    .append(settings.flushTimeout().toMillis())
                    .append(" (they may still arrive)");
        }
        Exception error = tracker.firstError();
        message.append(likelyCause(error, report));
        if (error != null) {
            message.append("; first error: ")
                    .append(error.getClass().getSimpleName())
                    .append(": ")
                    .append(error.getMessage());
        }
        return message.toString();
    }

    /** What the first error says of the cluster as a whole: unreachable, or refusing the credentials; else "". */
    private String likelyCause(Exception error, ProduceReport report) {
        String authMode = settings.authMode().name().toLowerCase(java.util.Locale.ROOT);
        if (error instanceof TimeoutException && report.sent() == 0) {
            return "; the Kafka cluster at " + settings.bootstrapServers() + " could not be reached (AUTH_MODE="
                    + authMode + ")";
        }
        if (error instanceof AuthenticationException) {
            return "; authentication failed with the Kafka cluster at " + settings.bootstrapServers() + " (AUTH_MODE="
                    + authMode + ")";
        }
        return "";
    }
}
