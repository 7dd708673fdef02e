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
import java.util.concurrent.ThreadLocalRandom;
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
 * Writes a batch's observations into the aggregates table with exactly-once effect, in one conditional write per
 * touched item in the common case and no reads, without contention between the trigger's concurrent partitions.
 *
 * <h2>Layout: one item per series, window and source partition</h2>
 * The MSK trigger runs different partitions at once, in different execution environments, but never two batches of
 * one partition at once, and each partition in offset order. Orders are keyed by order id, so every partition
 * writes the {@code orders} series' current window. With one item per window, every environment's conditional
 * write raced every other's: each lost race cost a retry, and a batch that lost {@link #MAX_ATTEMPTS} times failed
 * whole and was redelivered (BENCHMARKS.md, "The hot item under concurrency", has the curve before and after).
 * So a window is stored as one item per source partition ({@link ItemKey}: sort key
 * {@code window_start#topic-partition}), and each item has a single writer at a time, the environment that holds
 * its partition. Its condition fails only when that environment's belief is stale: after a crash that lost a
 * write's response, or when the partition comes to an environment that has not written the item. Telemetry is
 * keyed by device, so a device's window is still one item. Readers combine a window's items: {@code count} and
 * {@code sum} add, {@code min} and {@code max} combine, the average is the combined sum over the combined count
 * (README, "DynamoDB layout", shows the queries).
 *
 * <p>Designs not taken: an {@code UpdateItem} that {@code ADD}s to one shared item under a per-partition watermark
 * condition does not conflict either, but an update expression can compute neither a minimum, a maximum nor an
 * average. And one item lives in one DynamoDB partition, which takes at most 1,000 write units a second
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput-scenarios.html), so the topic's
 * whole order rate would meet that limit on one item, where separate items can be split apart as they get hot. A
 * roll-up item kept beside the per-partition items would bring the contention back on the roll-up.
 *
 * <h2>Algorithm</h2>
 * Each item carries the highest offset of its partition already counted ({@code applied}). The trigger delivers
 * every partition in offset order and retries from the last committed offset, so what an item has counted is
 * always a prefix of its partition: an observation is new to an item exactly when its offset is above the
 * watermark. Merging only new observations makes every replay harmless, whatever its boundaries, and whichever
 * items a crashed attempt had already written.
 *
 * <p>For each touched item the store merges the new observations into the state it believes is stored, and writes
 * the whole item with one {@code PutItem} conditioned on that belief:
 * <ul>
 *   <li>an item this environment wrote before is in its cache: the condition is {@code applied = cached};</li>
 *   <li>any other item is assumed new: the condition is {@code attribute_not_exists(series)}.</li>
 * </ul>
 * Every write raises {@code applied}, so the watermark identifies the stored state as a version number would. When
 * the condition fails, the failed put returns the stored item ({@code ReturnValuesOnConditionCheckFailure=ALL_OLD};
 * a consistent {@code GetItem} if it did not), the store merges again against it and retries at once, since it now
 * knows the stored state. Only a writer racing for the same item right now, which the trigger's one batch per
 * partition rules out, makes it fail again; from then on the store pauses before each attempt
 * ({@link ConflictBackoff}). An item whose observations are all below the watermark is not written at all.
 * Requests per batch therefore follow the distinct items touched, never the record count: a batch of one partition
 * touches as many items as it did with one item per window, and a batch of k partitions at most k times as many.
 *
 * <p>The items of a batch are independent, so they are written {@code WRITE_CONCURRENCY} at a time; one
 * environment never writes the same item from two threads, because a batch touches each item once. Calls to
 * {@link #write} are not concurrent: Lambda runs one invocation per environment at a time.
 */
final class AggregateStore {

    /** Attempts to write one item before the batch fails; each attempt after the second follows a pause. */
    static final int MAX_ATTEMPTS = 10;
    /** Items remembered per environment: a few windows of many devices or partitions, a few MB at most. */
    static final int CACHE_SIZE = 20_000;

    private static final long IDLE_THREAD_SECONDS = 30;

    private final DynamoDbClient dynamo;
    private final String table;
    private final TumblingWindows windows;
    private final Clock clock;
    private final ExecutorService writers;
    private final Map<ItemKey, AggregateItem> cache =
            Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
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
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                concurrency, concurrency, IDLE_THREAD_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
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
            return new Result(
                    itemsWritten + other.itemsWritten,
                    itemsUnchanged + other.itemsUnchanged,
                    requests + other.requests,
                    conflicts + other.conflicts);
        }
    }

    /**
     * Writes every item; if any write fails, waits for the others and then throws the first failure, so the
     * invocation fails (and the trigger retries) only once nothing is still in flight.
     */
    Result write(Map<ItemKey, List<Observation>> contributions) throws InterruptedException {
        List<Future<Result>> pending = new ArrayList<>(contributions.size());
        for (Map.Entry<ItemKey, List<Observation>> item : contributions.entrySet()) {
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

    private Result writeItem(ItemKey key, List<Observation> observations) throws InterruptedException {
        AggregateItem believed = cache.get(key);
        int requests = 0;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (attempt > 2) {
                pauseBefore(attempt);
            }
            Optional<AggregateItem> next = AggregateItem.merge(believed, key, observations, clock.instant());
            if (next.isEmpty()) {
                if (believed != null) {
                    cache.put(key, believed); // what a conflict revealed, or the next batch would conflict again
                }
                return new Result(0, 1, requests, attempt - 1);
            }
            try {
                requests++;
                dynamo.putItem(conditionalPut(believed, next.get()));
                cache.put(key, next.get());
                return new Result(1, 0, requests, attempt - 1);
            } catch (ConditionalCheckFailedException conflict) {
                boolean returned = conflict.hasItem() && !conflict.item().isEmpty();
                believed = returned ? AggregateItem.fromAttributes(conflict.item(), windows) : read(key);
                requests += returned ? 0 : 1;
            }
        }
        throw new IllegalStateException("item " + key + " changed under " + MAX_ATTEMPTS
                + " attempts to write it; failing the batch so that the trigger retries it");
    }

    /** The third attempt follows the first pause: the second went at once, against the item the conflict returned. */
    private static void pauseBefore(int attempt) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(ConflictBackoff.DEFAULT
                .delay(attempt - 2, ThreadLocalRandom.current())
                .toNanos());
    }

    /** {@code next}, written only if the stored item is still {@code believed} (null: no item). */
    PutItemRequest conditionalPut(AggregateItem believed, AggregateItem next) {
        PutItemRequest.Builder put = PutItemRequest.builder()
                .tableName(table)
                .item(next.toAttributes())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        if (believed == null) {
            return put.conditionExpression("attribute_not_exists(#series)")
                    .expressionAttributeNames(Map.of("#series", AggregatesTable.SERIES))
                    .build();
        }
        return put.conditionExpression("#applied = :applied")
                .expressionAttributeNames(Map.of("#applied", AggregatesTable.APPLIED))
                .expressionAttributeValues(Map.of(":applied", AttributeValue.fromN(Long.toString(believed.applied()))))
                .build();
    }

    private AggregateItem read(ItemKey key) {
        var response = dynamo.getItem(GetItemRequest.builder()
                .tableName(table)
                .key(AggregateItem.keyOf(key))
                .consistentRead(true)
                .build());
        return response.hasItem() && !response.item().isEmpty()
                ? AggregateItem.fromAttributes(response.item(), windows)
                : null;
    }
}
