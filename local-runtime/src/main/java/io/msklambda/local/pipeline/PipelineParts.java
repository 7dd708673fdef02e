package io.msklambda.local.pipeline;

import io.msklambda.consumer.ConsumerSettings;
import io.msklambda.local.destination.ReadableSink;
import io.msklambda.local.dynamodb.EmbeddedDynamoDb;
import io.msklambda.local.faults.FaultSchedule;
import io.msklambda.local.lambda.FunctionOutput;
import io.msklambda.local.stack.Closer;
import io.msklambda.local.stack.LocalStack;
import io.msklambda.local.trigger.Destination;
import io.msklambda.local.trigger.MskTrigger;
import io.msklambda.local.trigger.TriggerOptions;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What one {@link Pipeline} run is made of, wired on the stack it runs on: the trigger on its thread in front of the
 * consumer's environments, the on-failure destination, the producers on their schedule, the faults, and the progress
 * and event lines. Each part that holds resources is added to the run's {@link Closer} as it starts (the trigger's
 * thread, the event lines and the lag reader close with the trigger and the progress lines that use them); each is null
 * until it starts: a run interrupted while starting reports the parts it had.
 */
final class PipelineParts {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
    /** How often the lag is read from the brokers, and the longest one read may take: a line shows a fresh one. */
    private static final Duration LAG_EVERY = Duration.ofSeconds(1);

    private final PipelineOptions options;
    private final Clock clock = Clock.systemUTC();
    /** The consumer's conditional writes that found their item changed, over every environment. */
    private final LongAdder conflicts = new LongAdder();

    private LocalStack stack;
    private StackSettings settings;
    private ReadableSink sink;
    /** The trigger's lines and the run's own events, each with the run time. */
    private TimedLines eventLines;

    private PrintWriter events;
    private MskTrigger trigger;
    private TriggerThread triggerThread;
    private ScheduledProducers producers;
    private FaultSchedule faults;
    private Progress progress;

    PipelineParts(PipelineOptions options) {
        this.options = options;
    }

    /** Starts every part on {@code stack}, the trigger before the producers: it is to hold its partitions first. */
    void start(LocalStack stack, Closer closer, FunctionOutput functionOutput, PrintWriter out) {
        this.stack = stack;
        settings = new StackSettings(options, stack);
        RandomGenerator seeds = options.workload().seed() == null
                ? new SecureRandom()
                : new SplittableRandom(options.workload().seed());
        startTrigger(closer, functionOutput, out, seeds);
        startProducers(closer, functionOutput, out, seeds);
    }

    /** The trigger, its consumer environments and its on-failure destination. */
    private void startTrigger(Closer closer, FunctionOutput functionOutput, PrintWriter out, RandomGenerator seeds) {
        ConsumerSettings consumerSettings =
                options.variables().consumerSettings(options.services(), options.mapping(), EmbeddedDynamoDb.REGION);
        // added before the trigger, so closed after it: no environment closes under a poller still invoking it
        Closer environments = closer.add(new Closer());
        Supplier<MskTrigger.Function> environment = () -> environments.add(new ConsumerEnvironment(
                consumerSettings,
                stack.dynamo(),
                options.faults().crashEvery(),
                options.faults().poisonRecords(),
                options.mapping().errors().reportBatchItemFailures(),
                options.limits(),
                conflicts,
                clock,
                functionOutput.log(),
                nextSeed(seeds)));
        TriggerOptions triggerOptions = settings.trigger();
        sink = triggerOptions.onFailure() == null
                ? null
                : closer.add(OnFailureDestination.open(
                        Destination.parse(triggerOptions.onFailure()),
                        stack,
                        options.mapping().consumerGroup(),
                        out));
        eventLines = new TimedLines(out);
        events = new PrintWriter(eventLines, true);
        // the consumer's own observer (the presets, or its SERIES_FIELD/VALUE_FIELD/TIME_FIELD pointers), so that the
        // trigger counts each delivered record in the series the consumer stores it in
        trigger = closer.add(new MskTrigger(
                triggerOptions,
                environment,
                sink,
                options.faults().redeliverEvery(),
                nextSeed(seeds),
                events,
                consumerSettings.observer()));
        triggerThread = new TriggerThread(trigger);
    }

    /** The producers on their schedule, the faults, and the progress lines that watch both. */
    private void startProducers(Closer closer, FunctionOutput functionOutput, PrintWriter out, RandomGenerator seeds) {
        producers = closer.add(new ScheduledProducers(
                options,
                stack.clientProperties(LocalStack.Client.PRODUCER),
                settings.producerEnvironment(),
                clock,
                functionOutput.log(),
                () -> nextSeed(seeds)));
        Acknowledgements acknowledgements = producers.acknowledgements();
        faults = closer.add(new FaultSchedule(
                options.faults().scheduled(),
                stack.kafka().orElse(null),
                stack.dynamoDb().orElse(null),
                options.services().topic(),
                new PipelineProbe(producers.clients(), acknowledgements, trigger),
                producers::producing,
                out));
        BrokerLag lag = new BrokerLag(
                settings.operatorClient(),
                options.services().topic(),
                options.mapping().consumerGroup(),
                trigger::startOffsets,
                LAG_EVERY);
        progress = closer.add(new Progress(out, trigger, acknowledgements, lag, PROGRESS_EVERY));
    }

    LocalStack stack() {
        return stack;
    }

    StackSettings settings() {
        return settings;
    }

    ReadableSink sink() {
        return sink;
    }

    TimedLines eventLines() {
        return eventLines;
    }

    PrintWriter events() {
        return events;
    }

    MskTrigger trigger() {
        return trigger;
    }

    TriggerThread triggerThread() {
        return triggerThread;
    }

    ScheduledProducers producers() {
        return producers;
    }

    FaultSchedule faults() {
        return faults;
    }

    Progress progress() {
        return progress;
    }

    LongAdder conflicts() {
        return conflicts;
    }

    private static long nextSeed(RandomGenerator seeds) {
        synchronized (seeds) {
            return seeds.nextLong();
        }
    }
}
