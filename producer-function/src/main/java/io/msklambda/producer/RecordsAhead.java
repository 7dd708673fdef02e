package io.msklambda.producer;

import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One run's records, made on the generator thread ahead of the sends ({@link GeneratorThread}): chunks of
 * {@value #CHUNK} records, at most {@value #CHUNKS_AHEAD} chunks ahead, so that a record's event time is stamped at
 * most about a thousand records before its send (a few milliseconds at full speed).
 *
 * <p>The generator is used by one thread at a time: the generator thread from {@link #start} until {@link #close}
 * returns, the invocation's thread otherwise (priming before a snapshot, reseeding after it). The records made ahead
 * and not sent when the run ends are dropped; nobody has seen them.
 */
final class RecordsAhead implements Publisher.RecordSource {

    static final int CHUNK = 256;
    static final int CHUNKS_AHEAD = 4;
    /** How often a sender waiting for a chunk looks whether the generator thread has failed. */
    private static final long FAILURE_CHECK_MILLIS = 100;

    private final BlockingQueue<ProducerRecord<byte[], byte[]>[]> made = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    private final Future<?> making;
    private volatile boolean stopped;
    /** Set once {@link #next} has thrown the generator thread's failure, which {@link #close} then does not repeat. */
    private boolean failureThrown;

    private ProducerRecord<byte[], byte[]>[] chunk;
    private int next;

    private RecordsAhead(ExecutorService thread, RecordGenerator generator, Shard shard, Clock clock) {
        this.making = thread.submit(() -> {
            make(generator, shard, clock);
            return null;
        });
    }

    /** Starts making this run's records on {@code thread}. */
    static RecordsAhead start(ExecutorService thread, RecordGenerator generator, Shard shard, Clock clock) {
        return new RecordsAhead(thread, generator, shard, clock);
    }

    private void make(RecordGenerator generator, Shard shard, Clock clock) throws InterruptedException {
        while (!stopped) {
            @SuppressWarnings("unchecked")
            ProducerRecord<byte[], byte[]>[] records = new ProducerRecord[CHUNK];
            for (int i = 0; i < CHUNK; i++) {
                records[i] = generator.next(shard, clock.millis());
            }
            made.put(records);
        }
    }

    @Override
    public ProducerRecord<byte[], byte[]> next() throws InterruptedException {
        if (chunk == null || next == chunk.length) {
            chunk = take();
            next = 0;
        }
        return chunk[next++];
    }

    private ProducerRecord<byte[], byte[]>[] take() throws InterruptedException {
        while (true) {
            ProducerRecord<byte[], byte[]>[] records = made.poll(FAILURE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            if (records != null) {
                return records;
            }
            if (making.isDone()) {
                failureThrown = true;
                awaitMaker();
                throw new IllegalStateException("the generator thread stopped before the run's end");
            }
        }
    }

    /**
     * Stops the generator thread and waits until it has let go of the generator. Emptying the queue frees room for the
     * one chunk it may be putting, after which it sees {@code stopped}.
     */
    @Override
    public void close() {
        stopped = true;
        made.clear();
        boolean interrupted = false;
        while (true) {
            try {
                awaitMaker();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the generator must be free before the next run or a reseed: wait on
            } catch (RuntimeException | Error e) {
                if (!failureThrown) {
                    throw e;
                }
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the generator thread's task and rethrows what failed it, as the same call on this thread would. */
    private void awaitMaker() throws InterruptedException {
        try {
            making.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("the generator thread failed", cause);
        }
    }
}
