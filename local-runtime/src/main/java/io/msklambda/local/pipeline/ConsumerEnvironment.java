package io.msklambda.local.pipeline;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.msklambda.consumer.ConsumeReport;
import io.msklambda.consumer.ConsumerHandler;
import io.msklambda.consumer.ConsumerSettings;
import io.msklambda.local.faults.CrashingDynamoDb;
import io.msklambda.local.faults.PoisonRecords;
import io.msklambda.local.lambda.LocalContext;
import io.msklambda.local.trigger.MskTrigger;
import java.io.PrintStream;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One execution environment of the consumer behind the trigger: its own handler, so its own cache, as each of the
 * mapping's concurrent invocations has. A crash (the {@code --crash-every} fault) kills it: the next batch gets a
 * fresh handler, with nothing cached, as Lambda gives after a runtime crash. Poison records (the {@code --poison}
 * fault) make it fail, or answer with a partial batch response when the mapping reads those.
 */
final class ConsumerEnvironment implements MskTrigger.Function, AutoCloseable {

    private final ConsumerSettings settings;
    private final CrashingDynamoDb dynamo;
    private final int crashEvery;
    private final PoisonRecords poison;
    private final boolean partialResponses;
    private final Clock clock;
    private final PrintStream functionLog;
    private final FunctionLimits limits;
    private final LongAdder conflicts;
    private final SplittableRandom random;
    private ConsumerHandler handler;
    private long invocations;

    /**
     * @param partialResponses whether the mapping reads partial batch responses ({@code ReportBatchItemFailures})
     */
    ConsumerEnvironment(
            ConsumerSettings settings,
            DynamoDbClient dynamo,
            int crashEvery,
            PoisonRecords poison,
            boolean partialResponses,
            FunctionLimits limits,
            LongAdder conflicts,
            Clock clock,
            PrintStream functionLog,
            long seed) {
        this.settings = settings;
        this.dynamo = new CrashingDynamoDb(dynamo);
        this.crashEvery = crashEvery;
        this.poison = poison;
        this.partialResponses = partialResponses;
        this.clock = clock;
        this.functionLog = functionLog;
        this.limits = limits;
        this.conflicts = conflicts;
        this.random = new SplittableRandom(seed);
        this.handler = new ConsumerHandler(settings, this.dynamo, clock);
    }

    @Override
    public Object invoke(KafkaEvent event) {
        invocations++;
        if (!partialResponses) {
            poison.requireNone(event);
        }
        if (crashEvery > 0 && invocations % crashEvery == 0) {
            dynamo.crashAtWrite(random.nextInt(4), random.nextBoolean());
        }
        try {
            ConsumeReport report = handler.handleRequest(
                    partialResponses ? poison.beforePoison(event) : event,
                    new LocalContext(
                            "ConsumerFunction", limits.consumerTimeout(), limits.consumerMemoryMb(), functionLog));
            conflicts.add(report.conflicts());
            return partialResponses && poison.any() ? poison.batchItemFailures(event) : report;
        } catch (CrashingDynamoDb.InjectedCrash crash) {
            handler.close();
            handler = new ConsumerHandler(settings, dynamo, clock);
            throw crash;
        } finally {
            dynamo.disarm();
        }
    }

    @Override
    public void close() {
        handler.close();
    }
}
