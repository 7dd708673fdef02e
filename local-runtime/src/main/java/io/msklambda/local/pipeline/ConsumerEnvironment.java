package io.msklambda.local.pipeline;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;

import io.msklambda.consumer.ConsumerHandler;
import io.msklambda.consumer.ConsumerSettings;
import io.msklambda.local.faults.CrashingDynamoDb;
import io.msklambda.local.lambda.LocalContext;

/**
 * The consumer's execution environment behind the trigger. A crash (the {@code --crash-every} fault) kills it: the
 * next batch gets a fresh environment, with nothing cached, as Lambda gives after a runtime crash.
 */
final class ConsumerEnvironment implements AutoCloseable {

    private final ConsumerSettings settings;
    private final CrashingDynamoDb dynamo;
    private final int crashEvery;
    private final Clock clock;
    private final PrintStream functionLog;
    private final SplittableRandom random;
    private ConsumerHandler handler;
    private long invocations;

    ConsumerEnvironment(ConsumerSettings settings, CrashingDynamoDb dynamo, int crashEvery, Clock clock,
                        PrintStream functionLog, long seed) {
        this.settings = settings;
        this.dynamo = dynamo;
        this.crashEvery = crashEvery;
        this.clock = clock;
        this.functionLog = functionLog;
        this.random = new SplittableRandom(seed);
        this.handler = new ConsumerHandler(settings, dynamo, clock);
    }

    void invoke(KafkaEvent event) {
        invocations++;
        if (crashEvery > 0 && invocations % crashEvery == 0) {
            dynamo.crashAtWrite(random.nextInt(4), random.nextBoolean());
        }
        try {
            handler.handleRequest(event, new LocalContext("ConsumerFunction", Duration.ofMinutes(1), 512, functionLog));
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
