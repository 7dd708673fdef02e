package io.msklambda.tests.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.msklambda.local.trigger.Batching;
import io.msklambda.local.trigger.ErrorHandling;
import io.msklambda.local.trigger.KafkaSource;
import io.msklambda.local.trigger.MskTrigger;
import io.msklambda.local.trigger.Pollers;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The trigger's pollers: partitions at the same time, each in order, each poller in an environment of its own. */
class MskTriggerConcurrencyTest {

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    private static final Duration JOIN = Duration.ofSeconds(60);
    /** Long enough that batches of different partitions, if they run at the same time, overlap for sure. */
    private static final long INVOCATION_MILLIS = 150;

    /** One invocation as an environment saw it. */
    private record Call(int environment, Set<Integer> partitions, List<Long> offsets, long start, long end) {}

    @Test
    void onDemandBatchesOfDifferentPartitionsOverlapWhileEachPartitionStaysInOrderInItsOwnEnvironment()
            throws Exception {
        // Given 300 records on 3 partitions and an on-demand mapping with batches of 20
        String topic = "concurrent-" + UUID.randomUUID();
        SERVICES.kafka().createTopic(topic, 3);
        NumberedRecords.produce(SERVICES.kafka().bootstrapServers(), topic, 300, 3, null);
        List<Call> calls = new CopyOnWriteArrayList<>();
        AtomicInteger environments = new AtomicInteger();
        Supplier<MskTrigger.Function> environment = () -> {
            int id = environments.incrementAndGet();
            return event -> {
                long start = System.nanoTime();
                Thread.sleep(INVOCATION_MILLIS);
                calls.add(new Call(id, partitions(event), offsets(event), start, System.nanoTime()));
                return null;
            };
        };
        TriggerOptions options = TriggerOptions.of(
                new KafkaSource(
                        SERVICES.kafka().bootstrapServers(),
                        Map.of(),
                        topic,
                        "g-" + topic,
                        StartingPosition.TRIM_HORIZON,
                        null),
                new Batching(20, Duration.ZERO));

        // When the trigger drains the topic
        try (MskTrigger trigger =
                new MskTrigger(options, environment, null, 0, 1, new PrintWriter(new StringWriter()))) {
            run(trigger);
            assertThat(trigger.failure()).isNull();
            assertThat(trigger.pollerCount()).isEqualTo(3);
            assertThat(trigger.delivered().records()).isEqualTo(300);
        }

        // Then there were 3 environments, every partition's batches came one after another in offset order (a
        // partition may move to another poller while the group settles, never while a batch of it is in flight), and
        // batches of different partitions ran at the same time in different environments
        assertThat(environments.get()).isEqualTo(3);
        for (int partition = 0; partition < 3; partition++) {
            int p = partition;
            List<Call> ofPartition = calls.stream()
                    .filter(call -> call.partitions().contains(p))
                    .sorted((a, b) -> Long.compare(a.start(), b.start()))
                    .toList();
            List<Long> offsets = new ArrayList<>();
            for (int i = 0; i < ofPartition.size(); i++) {
                if (i > 0) {
                    assertThat(ofPartition.get(i).start())
                            .isGreaterThanOrEqualTo(ofPartition.get(i - 1).end());
                }
            }
            ofPartition.forEach(call -> offsets.addAll(call.offsets()));
            assertThat(offsets).isSorted().doesNotHaveDuplicates().hasSize(100);
        }
        assertThat(calls)
                .anySatisfy(a -> assertThat(calls).anySatisfy(b -> {
                    assertThat(b.environment()).isNotEqualTo(a.environment());
                    assertThat(b.start()).isLessThan(a.end());
                    assertThat(a.start()).isLessThan(b.end());
                }));
    }

    @Test
    void provisionedWithOnePollerReadsEveryPartitionInOneEnvironmentOneBatchAtATime() throws Exception {
        // Given 90 records on 3 partitions and a provisioned mapping of at most 1 poller
        String topic = "one-poller-" + UUID.randomUUID();
        SERVICES.kafka().createTopic(topic, 3);
        NumberedRecords.produce(SERVICES.kafka().bootstrapServers(), topic, 90, 3, null);
        Map<String, Boolean> running = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger environments = new AtomicInteger();
        Supplier<MskTrigger.Function> environment = () -> {
            environments.incrementAndGet();
            return event -> {
                if (running.putIfAbsent("busy", true) != null) {
                    overlaps.incrementAndGet();
                }
                Thread.sleep(20);
                running.remove("busy");
                return null;
            };
        };
        TriggerOptions options = TriggerOptions.of(
                        new KafkaSource(
                                SERVICES.kafka().bootstrapServers(),
                                Map.of(),
                                topic,
                                "g-" + topic,
                                StartingPosition.TRIM_HORIZON,
                                null),
                        new Batching(10, Duration.ZERO))
                .withErrors(ErrorHandling.DEFAULT, new Pollers(1, 1), null);

        // When the trigger drains the topic
        try (MskTrigger trigger =
                new MskTrigger(options, environment, null, 0, 1, new PrintWriter(new StringWriter()))) {
            run(trigger);

            // Then one environment took every batch, never two at once
            assertThat(trigger.pollerCount()).isEqualTo(1);
            assertThat(trigger.delivered().records()).isEqualTo(90);
        }
        assertThat(environments.get()).isEqualTo(1);
        assertThat(overlaps.get()).isZero();
    }

    private static void run(MskTrigger trigger) throws InterruptedException {
        Thread thread = new Thread(trigger);
        thread.start();
        assertThat(trigger.awaitAssignment(JOIN)).isTrue();
        trigger.stop();
        thread.join(JOIN.toMillis());
        assertThat(thread.isAlive()).isFalse();
    }

    private static Set<Integer> partitions(KafkaEvent event) {
        Set<Integer> partitions = new java.util.TreeSet<>();
        event.getRecords().values().forEach(group -> group.forEach(record -> partitions.add(record.getPartition())));
        return partitions;
    }

    private static List<Long> offsets(KafkaEvent event) {
        List<Long> offsets = new ArrayList<>();
        event.getRecords().values().forEach(group -> group.forEach(record -> offsets.add(record.getOffset())));
        return offsets;
    }
}
