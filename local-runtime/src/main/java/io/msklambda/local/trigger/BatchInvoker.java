package io.msklambda.local.trigger;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.msklambda.local.lambda.LambdaSerialization;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Invokes the function with one batch as the event source mapping does on errors: the whole batch again, the same
 * records, until it succeeds or {@code maxRetries} retries failed
 * (the whole batch, as https://docs.aws.amazon.com/lambda/latest/dg/with-msk-configure.html describes), waiting a
 * {@link RetryBackoff} between tries. An abort ends the wait at once.
 */
final class BatchInvoker {

    private final MskTrigger.Function function;
    private final int maxRetries;
    private final RetryBackoff backoff;
    private final RetryAccount account;
    private final CountDownLatch aborting = new CountDownLatch(1);
    private volatile long invocations;

    BatchInvoker(MskTrigger.Function function, int maxRetries, RetryBackoff backoff, RetryAccount account) {
        this.function = function;
        this.maxRetries = maxRetries;
        this.backoff = backoff;
        this.account = account;
    }

    /**
     * @param event the batch as the trigger writes it
     * @return true once the function succeeded; false if {@link #abort()} came first
     * @throws TriggerFailedException when the last allowed retry failed
     */
    boolean deliver(List<ConsumerRecord<byte[], byte[]>> batch, byte[] event) {
        for (int attempt = 1; ; attempt++) {
            Exception error = invoke(event);
            if (error == null) {
                account.succeeded(batch, attempt);
                return true;
            }
            if (maxRetries != TriggerOptions.INFINITE_RETRIES && attempt > maxRetries) {
                account.failed(batch, attempt, error, null);
                throw new TriggerFailedException(RetryAccount.describe(batch) + " failed " + attempt
                        + " times; offsets stay uncommitted. Last error: " + error, error);
            }
            Duration wait = backoff.delay(attempt);
            account.failed(batch, attempt, error, wait);
            if (awaitAbort(wait)) {
                return false;
            }
            account.retrying();
        }
    }

    void abort() {
        aborting.countDown();
    }

    long invocations() {
        return invocations;
    }

    /** The function's error, or null when it succeeded. */
    private Exception invoke(byte[] event) {
        invocations++;
        try {
            function.invoke(LambdaSerialization.fromJson(event, KafkaEvent.class));
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    private boolean awaitAbort(Duration wait) {
        try {
            return aborting.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TriggerFailedException("interrupted while waiting to retry", e);
        }
    }
}
