package io.msklambda.local.pipeline;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.KafkaException;
import software.amazon.awssdk.core.exception.SdkException;

import io.msklambda.consumer.ConsumerSettings;
import io.msklambda.local.dynamodb.EmbeddedDynamoDb;
import io.msklambda.local.destination.OnFailureSinks;
import io.msklambda.local.destination.ReadableSink;
import io.msklambda.local.faults.FaultSchedule;
import io.msklambda.local.faults.RunCounters;
import io.msklambda.local.faults.RunProbe;
import io.msklambda.local.lambda.FunctionOutput;
import io.msklambda.local.schedule.ScheduleFanOut;
import io.msklambda.local.stack.Closer;
import io.msklambda.local.stack.Exposure;
import io.msklambda.local.stack.LocalStack;
import io.msklambda.local.stack.Services;
import io.msklambda.local.trigger.MskTrigger;
import io.msklambda.local.trigger.Destination;
import io.msklambda.local.trigger.KafkaSource;
import io.msklambda.local.trigger.InvocationRecord;
import io.msklambda.local.trigger.TriggerOptions;
import io.msklambda.model.ConfigSource;
import io.msklambda.producer.ProducerHandler;
import io.msklambda.producer.ProducerSettings;

/**
 * The whole flow on one machine: N producer invocations per tick into Kafka, the MSK trigger emulator into the
 * consumer, DynamoDB at the end, faults on their schedule; then the windows and the reconciliation of the accounts
 * of the data. On the embedded cluster and DynamoDB Local unless real endpoints are given. One instance, one run.
 */
public final class Pipeline {

    /**
     * How a run ended.
     *
     * @param reconciliation null when the run ended before it could reconcile (interrupted, or the trigger stuck)
     * @param drained        whether the trigger delivered everything before the drain timeout
     * @param accessRefused  whether the cluster's IAM access control refused the producer or the trigger anything
     */
    public record Outcome(Reconciliation reconciliation, List<ScheduleFanOut.Invocation> invocations,
                          long consumerRetries, long redelivered, Exception triggerFailure, boolean drained,
                          boolean interrupted, Duration wallTime, boolean accessRefused) {

        /**
         * {@link ExitCode#INTERRUPTED} when interrupted; {@link ExitCode#USAGE} when the cluster refused a function
         * access (the template's policies are wrong: the accounts may still agree, on less data than asked for);
         * {@link ExitCode#SERVICE_FAILED} when the trigger stopped on an error, the consumer did not catch up or the
         * tables could not be read back; else {@link ExitCode#OK} when the accounts agree and {@link ExitCode#FAILED}
         * when they do not.
         */
        public int exitCode() {
            if (interrupted) {
                return ExitCode.INTERRUPTED;
            }
            if (accessRefused) {
                return ExitCode.USAGE;
            }
            if (triggerFailure != null || !drained || reconciliation == null) {
                return ExitCode.SERVICE_FAILED;
            }
            return reconciliation.agrees() ? ExitCode.OK : ExitCode.FAILED;
        }
    }

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
    /** How often the lag is read from the brokers, and the longest one read may take: a line shows a fresh one. */
    private static final Duration LAG_EVERY = Duration.ofSeconds(1);
    /** How often the run's own thread looks whether it was interrupted while it waits for producers or trigger. */
    private static final Duration WAIT_STEP = Duration.ofMillis(100);
    /** How long the trigger's group may take to be assigned its partitions before the producers start. */
    private static final Duration ASSIGNMENT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ABORT_TIMEOUT = Duration.ofSeconds(30);
    /** The consumer's ARN in the local stack, as failure records name the function. */
    private static final String CONSUMER_ARN = "arn:aws:lambda:us-east-1:123456789012:function:ConsumerFunction";

    private final PipelineOptions options;
    private final Clock clock = Clock.systemUTC();
    private final List<ScheduleFanOut.Invocation> invocations = new ArrayList<>();
    private volatile Thread runner;
    private volatile boolean interrupted;
    private volatile boolean producing;
    private long started;
    private LocalStack stack;
    private MskTrigger trigger;
    private ReadableSink sink;
    /** The consumer's conditional writes that found their item changed, over every environment. */
    private final LongAdder conflicts = new LongAdder();
    private Thread triggerThread;
    private ScheduleFanOut fanOut;
    private FaultSchedule faults;
    private Acknowledgements acknowledgements;
    private ProducerClients producerClients;
    private Progress progress;
    /** The trigger's lines and the run's own events, each with the run time. */
    private TimedLines eventLines;
    private PrintWriter events;

    public Pipeline(PipelineOptions options) {
        this.options = options;
    }

    /**
     * Ends the run early, from another thread (a signal handler): producers and trigger stop, the summary so far is
     * printed with what was unfinished, and {@link #run} returns an outcome whose exit code is
     * {@value ExitCode#INTERRUPTED}. The services close and their temporary directories are deleted as usual.
     */
    public void interrupt() {
        interrupted = true;
        Thread thread = runner;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Runs on services of its own, started here and closed at the end. */
    public Outcome run(PrintWriter out) {
        return run(out, null);
    }

    /**
     * Runs on {@code services}, started by the caller for the options' {@link Services} and left running at the end
     * (a test reads the topic and the tables afterwards); null to start and close services of its own.
     */
    public Outcome run(PrintWriter out, LocalStack services) {
        runner = Thread.currentThread();
        started = System.nanoTime();
        FunctionOutput functionOutput = FunctionOutput.hiddenUnless(options.verbose());
        Closer closer = new Closer();
        try {
            start(out, closer, functionOutput, services);
            awaitAssignment();
            produce();
            boolean drained = drain(out);
            return finish(out, drained);
        } catch (InterruptedException | org.apache.kafka.common.errors.InterruptException e) {
            return interrupted(out);
        } catch (RuntimeException e) {
            if (interrupted) {
                return interrupted(out);
            }
            throw e;
        } finally {
            runner = null;
            Thread.interrupted(); // a late interrupt must not break the closing below
            close(closer, out);
            functionOutput.close();
        }
    }

    /** Closes the run's parts; a part that fails to close is reported, and neither hides the run's result nor stops the rest. */
    private static void close(Closer closer, PrintWriter out) {
        try {
            closer.close();
        } catch (RuntimeException e) {
            out.println("while closing: " + e);
            for (Throwable suppressed : e.getSuppressed()) {
                out.println("  and: " + suppressed);
            }
        }
    }

    /** With LATEST, a record produced before the trigger holds its partitions would never be delivered. */
    private void awaitAssignment() throws InterruptedException {
        if (!trigger.awaitAssignment(ASSIGNMENT_TIMEOUT)) {
            throw new IllegalStateException("the trigger's consumer group " + options.mapping().consumerGroup()
                + (trigger.failure() != null ? " stopped before it got its partitions: "
                    + AccessReport.of(stack).explain(trigger.failure(), LocalStack.Client.TRIGGER)
                    : " got no partitions within " + ASSIGNMENT_TIMEOUT.toSeconds() + " s"));
        }
        requireNotInterrupted();
    }

    /** The run's own thread may miss an interrupt that a library call swallowed: the flag is the truth. */
    private void requireNotInterrupted() throws InterruptedException {
        if (interrupted) {
            throw new InterruptedException();
        }
    }

    private void start(PrintWriter out, Closer closer, FunctionOutput functionOutput, LocalStack services) {
        stack = services != null ? services
            : closer.add(LocalStack.start(options.services(), Exposure.LOOPBACK, options.access(), out));
        RandomGenerator seeds = options.workload().seed() == null ? new SecureRandom()
            : new SplittableRandom(options.workload().seed());
        ConsumerSettings consumerSettings = options.variables().consumerSettings(options.services(), options.mapping(),
            EmbeddedDynamoDb.REGION);
        // added before the trigger, so closed after it: no environment closes under a poller still invoking it
        Closer environments = closer.add(new Closer());
        Supplier<MskTrigger.Function> environment = () -> environments.add(new ConsumerEnvironment(consumerSettings,
            stack.dynamo(), options.faults().crashEvery(), options.faults().poisonRecords(),
            options.mapping().errors().reportBatchItemFailures(), options.limits(), conflicts, clock,
            functionOutput.log(), nextSeed(seeds)));
        TriggerOptions triggerOptions = triggerOptions();
        sink = triggerOptions.onFailure() == null ? null
            : closer.add(openSink(Destination.parse(triggerOptions.onFailure()), out));
        eventLines = new TimedLines(out);
        events = new PrintWriter(eventLines, true);
        trigger = closer.add(new MskTrigger(triggerOptions, environment, sink, options.faults().redeliverEvery(),
            nextSeed(seeds), events));
        triggerThread = new Thread(trigger, "msk-trigger");
        triggerThread.start();

        acknowledgements = new Acknowledgements();
        producerClients = new ProducerClients(stack.clientProperties(LocalStack.Client.PRODUCER), acknowledgements);
        ProducerSettings producerSettings = ProducerSettings.from(new ConfigSource(producerEnvironment()));
        fanOut = closer.add(new ScheduleFanOut(() -> new ProducerHandler(producerSettings, producerClients, clock,
            new SplittableRandom(nextSeed(seeds))), options.schedule(), options.producerTimeout(),
            options.limits().producerMemoryMb(), clock,
            functionOutput.log()));
        faults = closer.add(new FaultSchedule(options.faults().scheduled(), stack.kafka().orElse(null),
            stack.dynamoDb().orElse(null), options.services().topic(), probe(), () -> producing, out));
        BrokerLag lag = new BrokerLag(operatorClient(), options.services().topic(), options.mapping().consumerGroup(),
            trigger::startOffsets, LAG_EVERY);
        progress = closer.add(new Progress(out, trigger, acknowledgements, lag, PROGRESS_EVERY));
    }

    /** The properties of a client of the run itself (reading the lag, reading the topic back). */
    private Map<String, Object> operatorClient() {
        Map<String, Object> client = new HashMap<>(stack.clientProperties());
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        return client;
    }

    /**
     * The ticks of the schedule, each firing its invocations on time; the progress lines, on their own thread, start
     * with the first and go on until the consumer has drained.
     */
    private void produce() throws InterruptedException {
        long start = System.nanoTime();
        eventLines.startAt(start);
        progress.start(start);
        producing = true;
        faults.start(start);
        List<CompletableFuture<List<ScheduleFanOut.Invocation>>> ticks = new ArrayList<>();
        try {
            for (int tick = 0; tick < options.workload().ticks(); tick++) {
                long due = start + tick * options.workload().tick().toNanos();
                while (System.nanoTime() < due) {
                    TimeUnit.NANOSECONDS.sleep(Math.min(WAIT_STEP.toNanos(), due - System.nanoTime()));
                    requireNotInterrupted();
                }
                ticks.add(fanOut.tick(tick));
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(ticks.toArray(CompletableFuture[]::new));
            while (!all.isDone()) {
                TimeUnit.NANOSECONDS.sleep(WAIT_STEP.toNanos());
                requireNotInterrupted();
            }
        } finally {
            producing = false;
            ticks.stream().filter(CompletableFuture::isDone).forEach(tick -> invocations.addAll(tick.join()));
        }
        events.printf(Locale.ROOT, "producers done: their %d invocations returned; the trigger delivers the rest%n",
            invocations.size());
    }

    /**
     * Waits for every fault to heal, then for the trigger to deliver what is left, both within the drain timeout.
     * A trigger still retrying a batch then is aborted (its offsets stay uncommitted).
     */
    private boolean drain(PrintWriter out) throws InterruptedException {
        if (!faults.awaitHealed(options.drainTimeout())) {
            out.println("faults still not healed " + options.drainTimeout().toSeconds() + " s after the producers' end");
        }
        trigger.stop();
        long deadline = System.nanoTime() + options.drainTimeout().toNanos();
        while (triggerThread.isAlive() && System.nanoTime() < deadline) {
            triggerThread.join(Math.max(1, Math.min(WAIT_STEP.toMillis(),
                TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
            requireNotInterrupted();
        }
        progress.finish();
        if (!triggerThread.isAlive()) {
            return true;
        }
        stopTrigger();
        out.printf("consumer did not catch up within %d s (--drain-timeout) of the producers' end and the last fault "
                + "healing: lag %,d, %,d records of a batch still failing; their offsets stay uncommitted%n",
            options.drainTimeout().toSeconds(), Progress.lag(trigger, acknowledgements), trigger.pendingBatchRecords());
        return false;
    }

    private Outcome finish(PrintWriter out, boolean drained) {
        Report report = new Report(out, options, AccessReport.of(stack));
        report.producers(invocations, acknowledgements, producerClients.retries());
        report.consumer(trigger, conflicts.sum());
        report.faults(faults);
        report.authorization();
        if (!drained || trigger.failure() != null) {
            report.stopped(trigger);
            return outcome(null, drained, false);
        }
        WindowTable windows;
        long rejected;
        try {
            windows = WindowTable.read(stack.dynamo(), options.services().aggregatesTable());
            rejected = stack.dynamo().scanPaginator(b -> b.tableName(options.services().rejectsTable())
                .select("COUNT")).stream().mapToLong(page -> page.count()).sum();
        } catch (IllegalStateException | SdkException e) {
            if (interrupted) {
                throw new org.apache.kafka.common.errors.InterruptException(new InterruptedException());
            }
            out.println("reconciliation: not done - cannot read the tables: " + e.getMessage());
            return outcome(null, true, false);
        }
        TopicAccount topic;
        try {
            topic = TopicAccount.read(operatorClient(), options.services().topic(), trigger.startOffsets(),
                acknowledgements);
        } catch (KafkaException | IllegalStateException e) {
            out.println("reconciliation: not done - cannot read the topic back: " + e.getMessage());
            return outcome(null, true, false);
        }
        Reconciliation reconciliation = new Reconciliation(acknowledgements.acknowledged(), topic,
            trigger.delivered().records(), trigger.delivered().filtered(), trigger.delivered().sentToDestination(),
            inDestination(out), trigger.delivered().discarded(), windows.totalCount(), rejected,
            windows.countsPerSeries(), trigger.delivered().perSeries());
        report.windows(windows);
        report.reconciliation(reconciliation, wallTime());
        Outcome outcome = outcome(reconciliation, true, false);
        if (outcome.accessRefused()) {
            out.println("the run fails: the cluster's IAM access control refused the functions what they asked "
                + "(above); deployed with these policies, they would be refused the same");
        }
        return outcome;
    }

    /** Stops producers, trigger and faults where they are and prints what had been done and what had not. */
    private Outcome interrupted(PrintWriter out) {
        Thread.interrupted();
        if (progress != null) {
            progress.close(); // no line in the middle of the report
        }
        out.println();
        out.println("interrupted: stopping the producers and the trigger");
        producing = false;
        if (fanOut != null) {
            fanOut.close();
        }
        if (trigger != null) {
            stopTrigger();
        }
        if (faults != null) {
            faults.close();
        }
        Report report = new Report(out, options, stack == null ? new AccessReport(null, options.access())
            : AccessReport.of(stack));
        if (acknowledgements != null) {
            report.producers(invocations, acknowledgements, producerClients.retries());
            report.unfinishedProducers(options.workload().ticks() * options.workload().concurrency()
                - invocations.size());
        }
        if (trigger != null) {
            report.consumer(trigger, conflicts.sum());
            report.unfinishedConsumer(trigger);
        }
        if (faults != null) {
            report.faults(faults);
        }
        report.authorization();
        report.interrupted(wallTime());
        return outcome(null, false, true);
    }

    /** Aborts the trigger and gives its thread a while to end; close() insists. */
    private void stopTrigger() {
        if (triggerThread == null || !triggerThread.isAlive()) {
            return;
        }
        trigger.abort();
        try {
            triggerThread.join(ABORT_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Outcome outcome(Reconciliation reconciliation, boolean drained, boolean wasInterrupted) {
        return new Outcome(reconciliation, List.copyOf(invocations), trigger == null ? 0 : trigger.retries(),
            trigger == null ? 0 : trigger.delivered().repeats(), trigger == null ? null : trigger.failure(), drained,
            wasInterrupted, wallTime(), accessRefused());
    }

    /**
     * Whether the cluster's IAM access control refused the producer or the trigger anything so far: a run that
     * ends on an exception (the trigger refused at its start) is then a matter of the template's policies.
     */
    public boolean accessRefused() {
        return stack != null && stack.authorization()
            .map(authorization -> !authorization.log().refusals().isEmpty()).orElse(false);
    }

    private Duration wallTime() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private RunProbe probe() {
        return new RunProbe() {
            @Override
            public RunCounters counters() {
                return new RunCounters(0, producerClients.retries(), acknowledgements.failed(),
                    trigger.failedBatches(), trigger.retries(), Progress.lag(trigger, acknowledgements));
            }

            @Override
            public long lastAcknowledgedNanos(int partition) {
                return acknowledgements.lastAcknowledgedNanos(partition);
            }
        };
    }

    private TriggerOptions triggerOptions() {
        Mapping mapping = options.mapping();
        KafkaSource source = new KafkaSource(stack.bootstrapServers(), stack.clientProperties(LocalStack.Client.TRIGGER),
            options.services().topic(), mapping.consumerGroup(), mapping.startingPosition(), mapping.startingTimestamp(),
            stack.eventSourceArn());
        return new TriggerOptions(source, mapping.batching(), mapping.errors(), mapping.pollers(),
            mapping.filterCriteria(), mapping.onFailure());
    }

    /**
     * The mapping's on-failure destination, served locally: a topic on the run's cluster, a queue on an embedded
     * SQS-compatible server, or files standing for an SNS topic or an S3 bucket, kept after the run.
     */
    private ReadableSink openSink(Destination destination, PrintWriter out) {
        boolean files = destination.kind() == Destination.Kind.SNS || destination.kind() == Destination.Kind.S3;
        Path directory = Path.of(System.getProperty("java.io.tmpdir")); // not written to by a topic or a queue
        try {
            directory = files ? Files.createTempDirectory("msk-local-on-failure-") : directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for the on-failure destination", e);
        }
        ReadableSink opened = OnFailureSinks.open(destination, new OnFailureSinks.Settings(
            new InvocationRecord(CONSUMER_ARN, stack.eventSourceArn(), stack.bootstrapServers()),
            stack.bootstrapServers(), stack.clientProperties(LocalStack.Client.TRIGGER), stack.clientProperties(),
            Optional.empty(), directory,
            options.mapping().consumerGroup()));
        out.println("on-failure destination " + destination.spec() + ": " + opened.location());
        return opened;
    }

    /** The records the destination holds, read from it; -1 without one. */
    private long inDestination(PrintWriter out) {
        if (sink == null) {
            return -1;
        }
        try {
            return sink.recordsHeld();
        } catch (Exception e) {
            out.println("cannot read the on-failure destination back: " + e);
            return -1;
        }
    }

    /** The template's variables with the run's over them, and the function's memory, which Lambda sets for it. */
    private Map<String, String> producerEnvironment() {
        Map<String, String> environment = options.variables().producerEnvironment(options.workload(),
            options.services(), stack.bootstrapServers());
        environment.put(ProducerSettings.FUNCTION_MEMORY_SIZE.name(), Integer.toString(options.limits().producerMemoryMb()));
        return environment;
    }

    private static long nextSeed(RandomGenerator seeds) {
        synchronized (seeds) {
            return seeds.nextLong();
        }
    }
}
