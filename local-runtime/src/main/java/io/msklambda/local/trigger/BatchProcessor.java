package io.msklambda.local.trigger;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.msklambda.local.lambda.LambdaSerialization;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Takes one batch through one execution environment with the mapping's error handling
 * (https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html): records past
 * {@code MaximumRecordAgeInSeconds} (by their Kafka timestamp: AWS does not say which clock, the record's is the one a
 * mapping has) are given up without an invocation; a failed invocation is retried with the same records after a
 * {@link RetryBackoff}, or split in two and each half taken on its own with {@code BisectBatchOnFunctionError} (a split
 * uses no retry, as for stream mappings); a partial batch response marks the records before each partition's first
 * failure done and retries the rest; records that run out of retries are given up. Given-up records go to the
 * on-failure destination; without one they are discarded, as the mapping discards them. The default (infinite
 * retries) retries until the batch succeeds, so nothing is given up.
 */
final class BatchProcessor {

    /** What is left to do of a batch: its records, and how it went so far. */
    private static final class Work {
        List<ConsumerRecord<byte[], byte[]>> records;
        int retries;
        int invocations;
        String lastError;
        String lastRequestId;

        Work(List<ConsumerRecord<byte[], byte[]>> records, int invocations) {
            this.records = records;
            this.invocations = invocations;
        }
    }

    private final MskTrigger.Function function;
    private final ErrorHandling errors;
    private final int maxRetries;
    private final OnFailureSink sink;
    private final MskEventJson events;
    private final RetryAccount account;
    private final Delivered delivered;
    private final Clock clock;
    private final PrintWriter log;
    private final CountDownLatch aborting = new CountDownLatch(1);
    private final QuietLog givenUp;
    private volatile long invocations;

    /** @param sink the on-failure destination; null for none */
    BatchProcessor(
            MskTrigger.Function function,
            ErrorHandling errors,
            OnFailureSink sink,
            MskEventJson events,
            RetryAccount account,
            Delivered delivered,
            Clock clock,
            PrintWriter log) {
        this.function = function;
        this.errors = errors;
        this.maxRetries = errors.effectiveMaxRetries(sink != null);
        this.sink = sink;
        this.events = events;
        this.account = account;
        this.delivered = delivered;
        this.clock = clock;
        this.log = log;
        this.givenUp = new QuietLog(log, "batches given up", System::nanoTime);
    }

    /** @return true once every record of the batch is delivered or given up; false if aborted first */
    boolean process(List<ConsumerRecord<byte[], byte[]>> batch) {
        Deque<Work> work = new ArrayDeque<>();
        work.push(new Work(batch, 0));
        while (!work.isEmpty()) {
            Work next = work.peek();
            next.records = withoutExpired(next);
            if (aborting.getCount() == 0) {
                return false;
            }
            if (next.records.isEmpty()) {
                work.pop();
                continue;
            }
            Outcome outcome = invoke(next);
            if (outcome == Outcome.DONE) {
                work.pop();
            } else if (outcome == Outcome.SPLIT) {
                work.pop();
                int half = next.records.size() / 2;
                work.push(new Work(next.records.subList(half, next.records.size()), next.invocations));
                work.push(new Work(next.records.subList(0, half), next.invocations));
            } else if (!retryOrGiveUp(next)) {
                return false;
            } else if (next.records.isEmpty()) {
                work.pop();
            }
        }
        return true;
    }

    void abort() {
        aborting.countDown();
    }

    long invocations() {
        return invocations;
    }

    RetryAccount account() {
        return account;
    }

    private enum Outcome {
        DONE,
        SPLIT,
        FAILED
    }

    /** One invocation with what is left of the work; on a partial response, the work keeps only the failed rest. */
    private Outcome invoke(Work work) {
        invocations++;
        work.invocations++;
        work.lastRequestId = UUID.randomUUID().toString();
        Object response;
        try {
            response = function.invoke(LambdaSerialization.fromJson(events.write(work.records), KafkaEvent.class));
        } catch (Exception | Error e) {
            // an Error (StackOverflowError, NoClassDefFoundError) is a function error too: the Java runtime reports
            // it as one and the mapping retries, so it must not kill the poller
            work.lastError = e.getClass().getName() + ": " + e.getMessage();
            boolean split = errors.bisect() && work.records.size() > 1;
            account.failed(work.records, work.retries + 1, work.lastError, split ? null : backoff(work));
            return split ? Outcome.SPLIT : Outcome.FAILED;
        }
        if (!errors.reportBatchItemFailures()) {
            return succeeded(work);
        }
        BatchItemFailures.Reading reading = BatchItemFailures.read(response, work.records);
        if (reading instanceof BatchItemFailures.FailedFrom failed) {
            work.records = keepFailed(work.records, failed.offsets());
            work.lastError = "partial batch response: " + work.records.size() + " records failed";
        } else if (reading instanceof BatchItemFailures.Invalid invalid) {
            work.lastError = "partial batch response: " + invalid.reason();
        } else {
            return succeeded(work);
        }
        account.failed(work.records, work.retries + 1, work.lastError, backoff(work));
        return Outcome.FAILED;
    }

    private Outcome succeeded(Work work) {
        delivered.add(work.records);
        account.succeeded(work.records, work.retries + 1);
        return Outcome.DONE;
    }

    /** Marks the records before each partition's first failure delivered; returns the rest, in batch order. */
    private List<ConsumerRecord<byte[], byte[]>> keepFailed(
            List<ConsumerRecord<byte[], byte[]>> records, Map<String, Long> failedFrom) {
        List<ConsumerRecord<byte[], byte[]>> done = new ArrayList<>();
        List<ConsumerRecord<byte[], byte[]>> rest = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Long from = failedFrom.get(record.topic() + "-" + record.partition());
            (from != null && record.offset() >= from ? rest : done).add(record);
        }
        delivered.add(done);
        return rest;
    }

    /**
     * Gives the work up when its retries ran out, else waits before the next try.
     *
     * @return false if aborted
     */
    private boolean retryOrGiveUp(Work work) {
        work.retries++;
        if (maxRetries != ErrorHandling.INFINITE_RETRIES && work.retries > maxRetries) {
            boolean sent = giveUp(work, work.records, FailedBatch.Condition.RetryAttemptsExhausted);
            work.records = List.of();
            return sent;
        }
        if (await(errors.backoff().delay(work.retries))) {
            return false;
        }
        account.retrying();
        return true;
    }

    /** Null when the work will not be retried (its retries ran out), else the wait before the retry. */
    private Duration backoff(Work work) {
        boolean last = maxRetries != ErrorHandling.INFINITE_RETRIES && work.retries + 1 > maxRetries;
        return last ? null : errors.backoff().delay(work.retries + 1);
    }

    /** The work's records that are young enough; the others are given up at once. */
    private List<ConsumerRecord<byte[], byte[]>> withoutExpired(Work work) {
        if (errors.maxRecordAge() == null) {
            return work.records;
        }
        long oldest = clock.millis() - errors.maxRecordAge().toMillis();
        List<ConsumerRecord<byte[], byte[]>> young = new ArrayList<>();
        List<ConsumerRecord<byte[], byte[]>> expired = new ArrayList<>();
        work.records.forEach(record -> (record.timestamp() < oldest ? expired : young).add(record));
        if (!expired.isEmpty() && !giveUp(work, expired, FailedBatch.Condition.RecordAgeExceeded)) {
            return List.of(); // aborted: the loop ends, nothing is committed
        }
        return young;
    }

    /**
     * Sends the records to the destination, trying again while it cannot take them, or discards them without one.
     *
     * @return false if aborted before the destination took them
     */
    private boolean giveUp(Work work, List<ConsumerRecord<byte[], byte[]>> records, FailedBatch.Condition condition) {
        FailedBatch failed = new FailedBatch(
                condition,
                records,
                work.invocations,
                work.lastError == null ? null : "Unhandled",
                work.lastRequestId,
                Instant.now(clock));
        String what = RetryAccount.describe(records);
        if (sink == null) {
            delivered.discard(records);
            givenUp.line(what + " discarded (" + condition + "): there is no on-failure destination, so the mapping "
                    + "drops it. Last error: " + work.lastError);
            return true;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                sink.send(failed);
                delivered.sendToDestination(records);
                givenUp.line(what + " sent to " + sink.destination().spec() + " (" + condition + ")");
                return true;
            } catch (Exception e) {
                if (attempt == 1) {
                    log.println("trigger: cannot send " + what + " to "
                            + sink.destination().spec() + ", trying again: " + e);
                    log.flush();
                }
                if (await(errors.backoff().delay(attempt))) {
                    return false;
                }
            }
        }
    }

    /** @return true if aborted while waiting */
    private boolean await(Duration wait) {
        try {
            return aborting.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TriggerFailedException("interrupted while waiting to retry", e);
        }
    }
}
