package io.msklambda.local.trigger;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The trigger's account of failed invocations: counters for the run summary, and a few log lines however long a
 * batch keeps failing: one at its first failure (a few, then one per {@link QuietLog#QUIET}, when batch after batch
 * fails), at most one per {@link #QUIET} while it keeps failing, and one when it succeeds after retries. One per poller, written by its thread only; read from any.
 */
final class RetryAccount {

    /** The least time between two "still failing" lines of one batch. */
    static final Duration QUIET = Duration.ofSeconds(5);

    private final PrintWriter log;
    private final LongSupplier nanoTime;
    /** A poison record fails batch after batch: their first failures are logged sparingly too. */
    private final QuietLog firstFailures;

    private volatile long retries;
    private volatile long failedAttempts;
    private volatile long failedBatches;
    private volatile long longestRecoveryNanos;
    private long firstFailure;
    private long lastLine;

    RetryAccount(PrintWriter log, LongSupplier nanoTime) {
        this.log = log;
        this.nanoTime = nanoTime;
        this.firstFailures = new QuietLog(log, "failed batches", nanoTime);
    }

    /**
     * An invocation of the batch failed.
     *
     * @param attempt 1 for the batch's first invocation
     * @param cause what went wrong
     * @param next the wait before the retry; null when the batch is not retried as it is (it is split, or given up:
     *             those say so themselves)
     */
    void failed(List<ConsumerRecord<byte[], byte[]>> batch, int attempt, String cause, Duration next) {
        long now = nanoTime.getAsLong();
        failedAttempts++;
        if (attempt == 1) {
            failedBatches++;
            firstFailure = now;
        }
        if (next == null) {
            return;
        }
        if (attempt == 1) {
            lastLine = now;
            firstFailures.line(describe(batch) + " failed, retrying in " + next.toMillis() + " ms: " + cause);
        } else if (now - lastLine >= QUIET.toNanos()) {
            line(
                    now,
                    describe(batch) + " still failing after " + attempt + " attempts, next in " + next.toMillis()
                            + " ms: " + cause);
        }
    }

    /** The batch is being invoked again. */
    void retrying() {
        retries++;
    }

    /** The batch succeeded on this attempt (1 for the first). */
    void succeeded(List<ConsumerRecord<byte[], byte[]>> batch, int attempt) {
        if (attempt == 1) {
            return;
        }
        long now = nanoTime.getAsLong();
        long took = now - firstFailure;
        longestRecoveryNanos = Math.max(longestRecoveryNanos, took);
        line(
                now,
                String.format(
                        Locale.ROOT,
                        "%s recovered after %d retries in %.1f s",
                        describe(batch),
                        attempt - 1,
                        took / 1e9));
    }

    long retries() {
        return retries;
    }

    long failedAttempts() {
        return failedAttempts;
    }

    long failedBatches() {
        return failedBatches;
    }

    Duration longestRecovery() {
        return Duration.ofNanos(longestRecoveryNanos);
    }

    private void line(long now, String text) {
        lastLine = now;
        log.println("trigger: " + text);
        log.flush();
    }

    /** "batch of 12 (partition 0 offsets 3..9, partition 1 offsets 0..4)", with the topic when there are several. */
    static String describe(List<ConsumerRecord<byte[], byte[]>> batch) {
        Map<String, long[]> ranges = new TreeMap<>();
        boolean oneTopic = batch.stream().map(ConsumerRecord::topic).distinct().count() <= 1;
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            String partition = (oneTopic ? "" : record.topic() + " ") + "partition " + record.partition();
            ranges.merge(partition, new long[] {record.offset(), record.offset()}, (a, b) ->
                    new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        StringBuilder text = new StringBuilder("batch of ").append(batch.size()).append(" (");
        ranges.forEach((partition, range) -> text.append(text.charAt(text.length() - 1) == '(' ? "" : ", ")
                .append(partition)
                .append(" offsets ")
                .append(range[0])
                .append("..")
                .append(range[1]));
        return text.append(')').toString();
    }
}
