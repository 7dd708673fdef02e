package io.msklambda.tests.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.msklambda.local.trigger.Batching;
import io.msklambda.local.trigger.ErrorHandling;
import io.msklambda.local.trigger.KafkaSource;
import io.msklambda.local.trigger.MskTrigger;
import io.msklambda.local.trigger.Pollers;
import io.msklambda.local.trigger.RetryBackoff;
import io.msklambda.local.trigger.StartingPosition;
import io.msklambda.local.trigger.TriggerOptions;
import io.msklambda.tests.support.LocalServices;
import io.msklambda.tests.support.NumberedRecords;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How the trigger retries a failed batch, gives up, logs and is aborted, against the real broker. */
class MskTriggerRetryTest {

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    private static final Duration JOIN = Duration.ofSeconds(60);
    private static final RetryBackoff FAST = new RetryBackoff(Duration.ofMillis(1), Duration.ofSeconds(5));

    private final StringWriter log = new StringWriter();

    @Test
    void retriesAFailedBatchWithTheSameRecordsUntilItSucceedsAndLogsOnlyTheFirstFailureAndTheRecovery()
            throws Exception {
        // Given 20 records on one partition and a function whose first 6 invocations fail
        String topic = topicWith(20);
        List<List<Long>> failedOffsets = new CopyOnWriteArrayList<>();
        List<Long> deliveredOffsets = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        MskTrigger.Function function = event -> {
            if (calls.incrementAndGet() <= 6) {
                failedOffsets.add(offsets(event));
                throw new IllegalStateException("DynamoDB is down");
            }
            deliveredOffsets.addAll(offsets(event));
            return null;
        };

        // When the trigger, retrying without limit, drains the topic
        try (MskTrigger trigger = new MskTrigger(
                options(topic, ErrorHandling.INFINITE_RETRIES, FAST), function, 0, 1, new PrintWriter(log, true))) {
            runAndStop(trigger);

            // Then every record came once in the end, after 6 retries of one batch with the same records each time
            assertThat(trigger.failure()).isNull();
            assertThat(deliveredOffsets).doesNotHaveDuplicates().hasSize(20);
            assertThat(trigger.delivered().records()).isEqualTo(20);
            assertThat(trigger.delivered().repeats()).isZero();
            assertThat(trigger.retries()).isEqualTo(6);
            assertThat(trigger.failedAttempts()).isEqualTo(6);
            assertThat(trigger.failedBatches()).isEqualTo(1);
            assertThat(trigger.longestRecovery()).isPositive();
            assertThat(failedOffsets)
                    .hasSize(6)
                    .allSatisfy(offsets -> assertThat(offsets).isEqualTo(failedOffsets.get(0)));
            assertThat(deliveredOffsets).startsWith(failedOffsets.get(0).toArray(Long[]::new));
        }

        // And the log has one line for the first failure and one for the recovery, not one per failure
        List<String> lines = log.toString().lines().toList();
        String batch = "batch of " + failedOffsets.get(0).size() + " (partition 0 offsets 0.."
                + (failedOffsets.get(0).size() - 1) + ")";
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .isEqualTo("trigger: " + batch
                        + " failed, retrying in 1 ms: java.lang.IllegalStateException: DynamoDB is down");
        assertThat(lines.get(1))
                .startsWith("trigger: " + batch + " recovered after 6 retries in ")
                .endsWith(" s");
    }

    @Test
    void discardsTheBatchAndGoesOnWhenTheRetriesRunOutWithoutADestination() throws Exception {
        // Given 5 records and a function that always fails, with 2 retries allowed and no on-failure destination
        String topic = topicWith(5);
        MskTrigger.Function function = event -> {
            throw new IllegalStateException("DynamoDB is down");
        };

        // When the trigger drains the topic
        try (MskTrigger trigger = new MskTrigger(options(topic, 2, FAST), function, 0, 1, new PrintWriter(log, true))) {
            runAndStop(trigger);

            // Then the batch was tried 3 times and then discarded, as the mapping discards it: lost, and counted
            assertThat(trigger.failure()).isNull();
            assertThat(trigger.invocations()).isEqualTo(3);
            assertThat(trigger.retries()).isEqualTo(2);
            assertThat(trigger.failedAttempts()).isEqualTo(3);
            assertThat(trigger.delivered().records()).isZero();
            assertThat(trigger.delivered().discarded()).isEqualTo(5);
        }

        // And the group committed past it, and the log says what was dropped and why
        assertThat(committedOffsets("g-" + topic))
                .containsEntry(new TopicPartition(topic, 0), new OffsetAndMetadata(5));
        assertThat(log.toString())
                .contains("trigger: batch of 5 (partition 0 offsets 0..4) discarded "
                        + "(RetryAttemptsExhausted): there is no on-failure destination, so the mapping drops it. Last error: "
                        + "java.lang.IllegalStateException: DynamoDB is down");
    }

    @Test
    void abortEndsEndlessRetriesInTheMiddleOfABackoffAndCommitsNothing() throws Exception {
        // Given 5 records, a function that always fails, endless retries and a 10-minute wait before each retry
        String topic = topicWith(5);
        MskTrigger.Function function = event -> {
            throw new IllegalStateException("DynamoDB is down");
        };
        RetryBackoff tenMinutes = new RetryBackoff(Duration.ofMinutes(10), Duration.ofMinutes(10));

        try (MskTrigger trigger = new MskTrigger(
                options(topic, ErrorHandling.INFINITE_RETRIES, tenMinutes),
                function,
                0,
                1,
                new PrintWriter(log, true))) {
            Thread thread = new Thread(trigger);
            thread.start();
            awaitTrue(() -> trigger.failedAttempts() == 1);

            // When it is aborted while it waits to retry
            trigger.abort();
            thread.join(JOIN.toMillis());

            // Then run() ended without a failure, and says what it left unfinished
            assertThat(thread.isAlive()).isFalse();
            assertThat(trigger.aborted()).isTrue();
            assertThat(trigger.failure()).isNull();
            assertThat(trigger.retries()).isZero();
            assertThat(trigger.pendingBatchRecords()).isEqualTo(5);
            assertThat(trigger.delivered().records()).isZero();
        }
        assertThat(committedOffsets("g-" + topic)).isEmpty();
    }

    @Test
    void withLatestDeliversEveryRecordProducedOnceTheAssignmentIsReady() throws Exception {
        // Given a trigger reading from LATEST on a topic with 3 partitions, with its partitions assigned and positioned
        String topic = "latest-" + UUID.randomUUID();
        SERVICES.kafka().createTopic(topic, 3);
        TriggerOptions options = TriggerOptions.of(
                new KafkaSource(
                        SERVICES.kafka().bootstrapServers(),
                        Map.of(),
                        topic,
                        "g-" + topic,
                        StartingPosition.LATEST,
                        null),
                new Batching(100, Duration.ZERO));
        try (MskTrigger trigger = new MskTrigger(options, event -> null, 0, 1, new PrintWriter(log, true))) {
            Thread thread = new Thread(trigger);
            thread.start();
            assertThat(trigger.awaitAssignment(JOIN)).isTrue();

            // When 500 records are produced after that
            NumberedRecords.produce(SERVICES.kafka().bootstrapServers(), topic, 500, 0, null);
            trigger.stop();
            thread.join(JOIN.toMillis());

            // Then all 500 were delivered
            assertThat(thread.isAlive()).isFalse();
            assertThat(trigger.failure()).isNull();
            assertThat(trigger.delivered().records()).isEqualTo(500);
        }
    }

    /** Provisioned when the retries are limited: AWS offers that control in provisioned mode only. */
    private static TriggerOptions options(String topic, int maxRetries, RetryBackoff backoff) {
        // a batching window long enough to gather the few records the tests write into one batch
        return TriggerOptions.of(
                        new KafkaSource(
                                SERVICES.kafka().bootstrapServers(),
                                Map.of(),
                                topic,
                                "g-" + topic,
                                StartingPosition.TRIM_HORIZON,
                                null),
                        new Batching(100, Duration.ofSeconds(1)))
                .withErrors(
                        new ErrorHandling(maxRetries, null, false, false, backoff),
                        maxRetries == ErrorHandling.INFINITE_RETRIES ? Pollers.ON_DEMAND : new Pollers(1, 1),
                        null);
    }

    private static String topicWith(int records) {
        String topic = "retry-" + UUID.randomUUID();
        SERVICES.kafka().createTopic(topic, 1);
        NumberedRecords.produce(SERVICES.kafka().bootstrapServers(), topic, records, 1, null);
        return topic;
    }

    private static void runAndStop(MskTrigger trigger) throws InterruptedException {
        Thread thread = new Thread(trigger);
        thread.start();
        trigger.stop();
        thread.join(JOIN.toMillis());
        assertThat(thread.isAlive()).isFalse();
    }

    private static List<Long> offsets(KafkaEvent event) {
        List<Long> offsets = new ArrayList<>();
        event.getRecords().values().forEach(group -> group.forEach(record -> offsets.add(record.getOffset())));
        return offsets;
    }

    /** What the group committed, read by an admin client as a fresh reader of the group would see it. */
    private static Map<TopicPartition, OffsetAndMetadata> committedOffsets(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SERVICES.kafka().bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    new java.util.HashMap<>(admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata()
                            .get());
            offsets.values().removeIf(java.util.Objects::isNull);
            return offsets;
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + JOIN.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition within %s", JOIN).isTrue();
    }
}
