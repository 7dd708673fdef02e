package io.msklambda.local.pipeline;

import io.msklambda.local.stack.OptionCheck;
import io.msklambda.model.ItemsFormat;
import io.msklambda.producer.PayloadKind;
import io.msklambda.producer.ProducerSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * What the schedule and the producers do: N concurrent invocations per tick, each publishing for
 * {@code runSeconds}. Validated here, with the producer variables' own ranges, before anything starts.
 *
 * @param payload               what the producers generate ({@code PAYLOAD})
 * @param concurrency           producer invocations per tick (the rule's targets)
 * @param tick                  time between ticks (the schedule's rate)
 * @param ticks                 how many ticks
 * @param runSeconds            each invocation's {@code MAX_RUN_SEC}
 * @param producerBatchSize     {@code BATCH_SIZE}
 * @param producerBatchInterval {@code BATCH_INTERVAL_MS}
 * @param devices               {@code DEVICE_COUNT}
 * @param itemsFormat           {@code ORDER_ITEMS_FORMAT}
 * @param seed                  fixes every random choice (data and faults) when set
 */
public record Workload(
        PayloadKind payload,
        int concurrency,
        Duration tick,
        int ticks,
        int runSeconds,
        int producerBatchSize,
        Duration producerBatchInterval,
        int devices,
        ItemsFormat itemsFormat,
        Long seed) {

    /** Most producer invocations per tick: each is an execution environment with its own Kafka client. */
    public static final int MAX_CONCURRENCY = 100;

    public Workload {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(itemsFormat, "itemsFormat");
        OptionCheck.range(concurrency, 1, MAX_CONCURRENCY, "--concurrency");
        OptionCheck.require(tick.compareTo(Duration.ofSeconds(1)) >= 0, "--tick", tick, "must be 1s or more");
        OptionCheck.range(ticks, 1, 10_000, "--ticks");
        range(runSeconds, ProducerSettings.MAX_RUN_SEC, "--run-seconds");
        range(producerBatchSize, ProducerSettings.BATCH_SIZE, "--producer-batch-size");
        range(producerBatchInterval.toMillis(), ProducerSettings.BATCH_INTERVAL_MS, "--producer-batch-interval (ms)");
        range(devices, ProducerSettings.DEVICE_COUNT, "--devices");
    }

    private static void range(long value, io.msklambda.model.NumberSetting setting, String option) {
        OptionCheck.range(value, setting.min(), setting.max(), option + " (" + setting.name() + ")");
    }
}
