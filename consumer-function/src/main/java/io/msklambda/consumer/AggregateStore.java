package io.msklambda.consumer;

import io.msklambda.model.TumblingWindows;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Writes a batch's observations into the aggregates table with exactly-once effect, in one conditional
 * write per touched item in the common case and no reads.
 *
 * <h2>Algorithm</h2>
 * Each item carries, per source partition, the highest offset already counted ({@code applied}), and a
 * {@code version}. The trigger delivers every partition in offset order and retries from the last committed
 * offset, so what an item has counted from a partition is always a prefix of it: an observation is new to an
 * item exactly when its offset is above that partition's watermark on the item. Merging only new
 * observations makes every replay harmless, whatever its boundaries, and whichever items a crashed attempt
 * had already written.
 *
 * <p>For each touched item the store merges the new observations into the state it believes is stored, and
 * writes the whole item with one {@code PutItem} conditioned on that belief:
 * <ul>
 *   <li>an item this environment wrote before is in its cache: the condition is {@code version = cached};</li>
 *   <li>any other item is assumed new: the condition is {@code attribute_not_exists(series)}.</li>
 * </ul>
 * When the condition fails (another environment wrote the item, or a crash left the cache behind), the
 * failed put returns the stored item ({@code ReturnValuesOnConditionCheckFailure=ALL_OLD}; a consistent
 * {@code GetItem} if it did not), the store merges again against it and retries. An item whose observations
 * are all below the watermarks is not written at all. Requests per batch therefore follow the distinct items
 * touched, never the record count.
 *
 * <p>The items of a batch are independent, so they are written {@code WRITE_CONCURRENCY} at a time; one
 * environment never writes the same item from two threads, because a batch touches each item once. Calls to
 * {@link #write} are not concurrent: Lambda runs one invocation per environment at a time.
 */
final class AggregateStore {

    /** Conflicting writers on one item (the {@code orders} series is written from every partition) retry this often. */
    static final int MAX_ATTEMPTS = 10;
    /** Items remembered per environment: a few windows of many devices, a few MB at most. */
    static final int CACHE_SIZE = 20_000;
    private static final long IDLE_THREAD_SECONDS = 30;

    private final DynamoDbClient dynamo;
    private final String table;
    private final TumblingWindows windows;
    private final Clock clock;
    private final ExecutorService writers;
    private final Map<ItemKey, AggregateItem> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<ItemKey, AggregateItem> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    AggregateStore(DynamoDbClient dynamo, String table, TumblingWindows windows, Clock clock, int concurrency) {
        this.dynamo = dynamo;
        this.table = table;
        this.windows = windows;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(concurrency, concurrency, IDLE_THREAD_SECONDS,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "aggregate-writer-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true); // an idle environment holds no threads
        this.writers = pool;
    }

    /** Stops the writer threads. */
    void close() {
        writers.shutdown();
    }

    /** What one call wrote and what it cost. */
    record Result(int itemsWritten, int itemsUnchanged, int requests, int conflicts) {
        static final Result NONE = new Result(0, 0, 0, 0);

        Result plus(Result other) {
            return new Result(itemsWritten + other.itemsWritten, itemsUnchanged + other.itemsUnchanged,
                    requests + other.requests, conflicts + other.conflicts);
        }
    }

    /**
     * Writes every item; if any write fails, waits for the others and then throws the first failure, so the
     * invocation fails (and the trigger retries) only once nothing is still in flight.
     */
    Result write(Map<ItemKey, Map<String, List<Observation>>> contributions) throws InterruptedException {
        List<Future<Result>> pending = new ArrayList<>(contributions.size());
        for (Map.Entry<ItemKey, Map<String, List<Observation>>> item : contributions.entrySet()) {
            pending.add(writers.submit(() -> writeItem(item.getKey(), item.getValue())));
        }
        Result total = Result.NONE;
        RuntimeException failure = null;
        for (Future<Result> write : pending) {
            try {
                total = total.plus(write.get());
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return total;
    }


    private Result writeItem(ItemKey key, Map<String, List<Observation>> bySource) {
        AggregateItem believed = cache.get(key);
        int requests = 0;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<AggregateItem> next = AggregateItem.merge(believed, key, bySource, clock.instant());
            if (next.isEmpty()) {
                return new Result(0, 1, requests, attempt - 1);
            }
            PutItemRequest.Builder put = PutItemRequest.builder().tableName(table).item(next.get().toAttributes())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
            if (believed == null) {
                put.conditionExpression("attribute_not_exists(#series)")
                        .expressionAttributeNames(Map.of("#series", AggregateItem.SERIES));
            } else {
                put.conditionExpression("#version = :version")
                        .expressionAttributeNames(Map.of("#version", AggregateItem.VERSION))
                        .expressionAttributeValues(Map.of(":version",
                                AttributeValue.fromN(
                                        Long.toString(believed.version()))));
            }
            try {
                requests++;
                dynamo.putItem(put.build());
                cache.put(key, next.get());
                return new Result(1, 0, requests, attempt - 1);
            } catch (ConditionalCheckFailedException conflict) {
                if (conflict.hasItem() && !conflict.item().isEmpty()) {
                    believed = AggregateItem.fromAttributes(conflict.item(), windows);
                } else {
                    requests++;
                    believed = read(key);
                }
            }
        }
        throw new IllegalStateException("item " + key + " changed under " + MAX_ATTEMPTS
                + " attempts to write it; failing the batch so that the trigger retries it");
    }

    private AggregateItem read(ItemKey key) {
        var response = dynamo.getItem(GetItemRequest.builder().tableName(table).key(AggregateItem.keyOf(key))
                .consistentRead(true).build());
        return response.hasItem() && !response.item().isEmpty()
                ? AggregateItem.fromAttributes(response.item(), windows) : null;
    }
}
