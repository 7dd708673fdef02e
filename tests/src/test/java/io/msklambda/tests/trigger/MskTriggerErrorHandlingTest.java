package io.msklambda.tests.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.msklambda.local.trigger.Batching;
import io.msklambda.local.trigger.Destination;
import io.msklambda.local.trigger.ErrorHandling;
import io.msklambda.local.trigger.FailedBatch;
import io.msklambda.local.trigger.KafkaSource;
import io.msklambda.local.trigger.MskTrigger;
import io.msklambda.local.trigger.OnFailureSink;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mapping's error handling against the real broker: a poison record with retries, bisect, partial batch responses
 * and record age, and what reaches the on-failure destination. The destination here is a list (the sinks themselves
 * are tested against Kafka, ElasticMQ and files on their own).
 */
class MskTriggerErrorHandlingTest {

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    private static final Duration JOIN = Duration.ofSeconds(60);
    private static final RetryBackoff FAST = new RetryBackoff(Duration.ofMillis(1), Duration.ofMillis(10));
    /** Record 7 of 20 is the poison. */
    private static final long POISON = 7;

    private final List<FailedBatch> destination = new CopyOnWriteArrayList<>();
    private final List<Long> processed = new CopyOnWriteArrayList<>();
    private final StringWriter log = new StringWriter();

    @Test
    void withoutBisectThePoisonsWholeBatchReachesTheDestinationAfterItsRetriesAndThePartitionGoesOn() throws Exception {
        // Given 20 records in batches of 10, the 8th a poison, 2 retries, no bisect, no partial responses
        String topic = topicWith(20, 0);

        // When the trigger drains the topic
        MskTrigger trigger = run(topic, new ErrorHandling(2, null, false, false, FAST), throwingOnPoison());

        // Then the poison's batch (offsets 0..9) went to the destination after 3 invocations; the next batch went on
        assertThat(destination).singleElement().satisfies(failed -> {
            assertThat(failed.condition()).isEqualTo(FailedBatch.Condition.RetryAttemptsExhausted);
            assertThat(offsets(failed.records())).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
            assertThat(failed.approximateInvokeCount()).isEqualTo(3);
            assertThat(failed.functionError()).isEqualTo("Unhandled");
        });
        assertThat(processed).containsExactly(10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
        assertThat(trigger.delivered().sentToDestination()).isEqualTo(10);
        assertThat(trigger.delivered().records()).isEqualTo(10);
    }

    @Test
    void bisectIsolatesThePoisonSoOnlyItReachesTheDestination() throws Exception {
        // Given the same records, with bisect
        String topic = topicWith(20, 0);

        // When the trigger drains the topic
        MskTrigger trigger = run(topic, new ErrorHandling(2, null, true, false, FAST), throwingOnPoison());

        // Then halves were split off until the poison was alone; only it went to the destination, the rest was
        // processed
        assertThat(destination).singleElement().satisfies(failed -> {
            assertThat(offsets(failed.records())).containsExactly(POISON);
            // 0..9, then 5..9, then 7..9 failed on the way; 7 alone failed once and in its 2 retries
            assertThat(failed.approximateInvokeCount()).isEqualTo(6);
        });
        assertThat(processed).hasSize(19).doesNotContain(POISON).doesNotHaveDuplicates();
        assertThat(trigger.delivered().records()).isEqualTo(19);
    }

    @Test
    void aPartialBatchResponseCommitsTheRecordsBeforeThePoisonAndRetriesFromIt() throws Exception {
        // Given a function that processes records up to the poison and names it in a partial batch response
        String topic = topicWith(20, 0);

        // When the trigger, reading partial responses, drains the topic
        MskTrigger trigger = run(topic, new ErrorHandling(2, null, false, true, FAST), reportingThePoison());

        // Then 0..6 were processed once; the poison and the records after it in its batch were retried, then given up
        assertThat(destination)
                .singleElement()
                .satisfies(failed -> assertThat(offsets(failed.records())).containsExactly(7L, 8L, 9L));
        assertThat(processed)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
        assertThat(trigger.delivered().records()).isEqualTo(17);
    }

    @Test
    void bisectWithPartialResponsesGivesUpThePoisonAloneAndProcessesEveryOtherRecordOnce() throws Exception {
        String topic = topicWith(20, 0);

        MskTrigger trigger = run(topic, new ErrorHandling(2, null, true, true, FAST), reportingThePoisonOrFailing());

        assertThat(destination)
                .singleElement()
                .satisfies(failed -> assertThat(offsets(failed.records())).containsExactly(POISON));
        assertThat(processed).hasSize(19).doesNotContain(POISON).doesNotHaveDuplicates();
        assertThat(trigger.delivered().records()).isEqualTo(19);
    }

    @Test
    void recordsOlderThanTheMaximumAgeGoToTheDestinationWithoutAnInvocation() throws Exception {
        // Given 5 records written with a timestamp 2 minutes old, and a maximum record age of 60 s
        String topic =
                topicWith(5, System.currentTimeMillis() - Duration.ofMinutes(2).toMillis());

        // When the trigger drains the topic
        MskTrigger trigger =
                run(topic, new ErrorHandling(-1, Duration.ofSeconds(60), false, false, FAST), throwingOnPoison());

        // Then they were never invoked and went to the destination as too old
        assertThat(trigger.invocations()).isZero();
        assertThat(destination).singleElement().satisfies(failed -> {
            assertThat(failed.condition()).isEqualTo(FailedBatch.Condition.RecordAgeExceeded);
            assertThat(failed.approximateInvokeCount()).isZero();
            assertThat(failed.functionError()).isNull();
            assertThat(offsets(failed.records())).containsExactly(0L, 1L, 2L, 3L, 4L);
        });
    }

    @Test
    void aPartialResponseNamingARecordOutsideTheBatchFailsTheWholeBatch() throws Exception {
        String topic = topicWith(3, 0);
        MskTrigger.Function function = event -> Map.of(
                "batchItemFailures",
                List.of(Map.of("itemIdentifier", Map.of("partition", "elsewhere-0", "offset", 1))));

        MskTrigger trigger = run(topic, new ErrorHandling(1, null, false, true, FAST), function);

        assertThat(trigger.invocations()).isEqualTo(2);
        assertThat(destination)
                .singleElement()
                .satisfies(failed -> assertThat(offsets(failed.records())).containsExactly(0L, 1L, 2L));
        assertThat(log.toString())
                .containsPattern("partial batch response: itemIdentifier \\{[^}]*\"elsewhere-0\"[^}]*} "
                        + "is not a record of the batch");
    }

    private MskTrigger.Function throwingOnPoison() {
        return event -> {
            List<Long> offsets = offsets(event);
            if (offsets.contains(POISON)) {
                throw new IllegalStateException("poison at " + POISON);
            }
            processed.addAll(offsets);
            return null;
        };
    }

    private MskTrigger.Function reportingThePoison() {
        return event -> {
            for (KafkaEvent.KafkaEventRecord record :
                    event.getRecords().values().iterator().next()) {
                if (record.getOffset() == POISON) {
                    return Map.of(
                            "batchItemFailures",
                            List.of(Map.of(
                                    "itemIdentifier",
                                    Map.of(
                                            "partition",
                                            record.getTopic() + "-" + record.getPartition(),
                                            "offset",
                                            POISON))));
                }
                processed.add(record.getOffset());
            }
            return Map.of("batchItemFailures", List.of());
        };
    }

    /**
     * Names the poison when it processed records before it; with the poison first, nothing was processed and it fails
     * outright, as batch processors do when every record failed.
     */
    private MskTrigger.Function reportingThePoisonOrFailing() {
        MskTrigger.Function reporting = reportingThePoison();
        return event -> {
            if (offsets(event).get(0) == POISON) {
                throw new IllegalStateException("poison at " + POISON);
            }
            return reporting.invoke(event);
        };
    }

    private MskTrigger run(String topic, ErrorHandling errors, MskTrigger.Function function) throws Exception {
        TriggerOptions options = TriggerOptions.of(
                        new KafkaSource(
                                SERVICES.kafka().bootstrapServers(),
                                Map.of(),
                                topic,
                                "g-" + topic,
                                StartingPosition.TRIM_HORIZON,
                                null),
                        new Batching(10, Duration.ofSeconds(1)))
                .withErrors(errors, new Pollers(1, 1), "kafka://failures-" + topic);
        try (MskTrigger trigger =
                new MskTrigger(options, () -> function, new ListSink(destination), 0, 1, new PrintWriter(log, true))) {
            Thread thread = new Thread(trigger);
            thread.start();
            trigger.stop();
            thread.join(JOIN.toMillis());
            assertThat(thread.isAlive()).isFalse();
            assertThat(trigger.failure()).isNull();
            return trigger;
        }
    }

    /** The destination as a list; the real sinks are tested on their own. */
    private record ListSink(List<FailedBatch> batches) implements OnFailureSink {
        @Override
        public void send(FailedBatch failed) {
            batches.add(failed);
        }

        @Override
        public Destination destination() {
            return Destination.parse("kafka://failures");
        }
    }

    private static String topicWith(int records, long timestamp) {
        String topic = "errors-" + UUID.randomUUID();
        SERVICES.kafka().createTopic(topic, 1);
        NumberedRecords.produce(
                SERVICES.kafka().bootstrapServers(), topic, records, 1, timestamp == 0 ? null : timestamp);
        return topic;
    }

    private static List<Long> offsets(KafkaEvent event) {
        List<Long> offsets = new ArrayList<>();
        event.getRecords().values().forEach(group -> group.forEach(record -> offsets.add(record.getOffset())));
        return offsets;
    }

    private static List<Long> offsets(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(ConsumerRecord::offset).toList();
    }
}
