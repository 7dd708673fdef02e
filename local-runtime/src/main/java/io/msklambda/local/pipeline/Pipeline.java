package io.msklambda.local.pipeline;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;

import org.apache.kafka.common.KafkaException;
import software.amazon.awssdk.core.exception.SdkException;

import io.msklambda.consumer.ConsumerSettings;
import io.msklambda.local.dynamodb.EmbeddedDynamoDb;
import io.msklambda.local.destination.ReadableSink;
import io.msklambda.local.faults.FaultSchedule;
import io.msklambda.local.lambda.FunctionOutput;
import io.msklambda.local.schedule.ScheduleFanOut;
import io.msklambda.local.stack.Closer;
import io.msklambda.local.stack.Exposure;
import io.msklambda.local.stack.LocalStack;
import io.msklambda.local.trigger.MskTrigger;
import io.msklambda.local.trigger.Destination;
import io.msklambda.local.trigger.TriggerOptions;

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

    private final PipelineOptions options;
    private final Clock clock = Clock.systemUTC();
    private volatile Thread runner;
    private volatile boolean interrupted;
    private long started;
    private LocalStack stack;
    private StackSettings settings;
    private MskTrigger trigger;
    private ReadableSink sink;
    /** The consumer's conditional writes that found their item changed, over every environment. */
    private final LongAdder conflicts = new LongAdder();
    private TriggerThread triggerThread;
    private ScheduledProducers producers;
    private FaultSchedule faults;
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
        settings = new StackSettings(options, stack);
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
        TriggerOptions triggerOptions = settings.trigger();
        sink = triggerOptions.onFailure() == null ? null : closer.add(OnFailureDestination.open(
            Destination.parse(triggerOptions.onFailure()), stack, options.mapping().consumerGroup(), out));
        eventLines = new TimedLines(out);
        events = new PrintWriter(eventLines, true);
        trigger = closer.add(new MskTrigger(triggerOptions, environment, sink, options.faults().redeliverEvery(),
            nextSeed(seeds), events));
        triggerThread = new TriggerThread(trigger);

        producers = closer.add(new ScheduledProducers(options, stack.clientProperties(LocalStack.Client.PRODUCER),
            settings.producerEnvironment(), clock, functionOutput.log(), () -> nextSeed(seeds)));
        Acknowledgements acknowledgements = producers.acknowledgements();
        faults = closer.add(new FaultSchedule(options.faults().scheduled(), stack.kafka().orElse(null),
            stack.dynamoDb().orElse(null), options.services().topic(),
            new PipelineProbe(producers.clients(), acknowledgements, trigger), producers::producing, out));
        BrokerLag lag = new BrokerLag(settings.operatorClient(), options.services().topic(),
            options.mapping().consumerGroup(), trigger::startOffsets, LAG_EVERY);
        progress = closer.add(new Progress(out, trigger, acknowledgements, lag, PROGRESS_EVERY));
    }

    /**
     * The ticks of the schedule, each firing its invocations on time; the progress lines, on their own thread, start
     * with the first and go on until the consumer has drained.
     */
    private void produce() throws InterruptedException {
        long start = System.nanoTime();
        eventLines.startAt(start);
        progress.start(start);
        producers.begin();
        faults.start(start);
        producers.fire(start, WAIT_STEP, () -> interrupted);
        events.printf(Locale.ROOT, "producers done: their %d invocations returned; the trigger delivers the rest%n",
            producers.invocations().size());
    }

    /**
     * Waits for every fault to heal, then for the trigger to deliver what is left, both within the drain timeout.
     * A trigger still retrying a batch then is aborted (its offsets stay uncommitted).
     */
    private boolean drain(PrintWriter out) throws InterruptedException {
        if (!faults.awaitHealed(options.drainTimeout())) {
            out.println("faults still not healed " + options.drainTimeout().toSeconds() + " s after the producers' end");
        }
        triggerThread.drain(options.drainTimeout(), WAIT_STEP, () -> interrupted);
        progress.finish();
        if (triggerThread.ended()) {
            return true;
        }
        triggerThread.abort();
        out.printf("consumer did not catch up within %d s (--drain-timeout) of the producers' end and the last fault "
                + "healing: lag %,d, %,d records of a batch still failing; their offsets stay uncommitted%n",
            options.drainTimeout().toSeconds(), Progress.lag(trigger, producers.acknowledgements()),
            trigger.pendingBatchRecords());
        return false;
    }

    private Outcome finish(PrintWriter out, boolean drained) {
        Report report = new Report(out, options, AccessReport.of(stack));
        report.producers(producers.invocations(), producers.acknowledgements(), producers.clients().retries());
        report.consumer(trigger, conflicts.sum());
        report.faults(faults);
        report.authorization();
        if (!drained || trigger.failure() != null) {
            report.stopped(trigger);
            return outcome(null, drained, false);
        }
        TableAccount tables = readTables(out);
        TopicAccount topic = tables == null ? null : readTopic(out);
        if (topic == null) {
            return outcome(null, true, false);
        }
        Reconciliation reconciliation = new Reconciliation(producers.acknowledgements().acknowledged(), topic,
            trigger.delivered().records(), trigger.delivered().filtered(), trigger.delivered().sentToDestination(),
            OnFailureDestination.recordsHeld(sink, out), trigger.delivered().discarded(), tables.windows().totalCount(),
            tables.rejected(), tables.windows().countsPerSeries(), trigger.delivered().perSeries());
        report.windows(tables.windows());
        report.reconciliation(reconciliation, wallTime());
        Outcome outcome = outcome(reconciliation, true, false);
        if (outcome.accessRefused()) {
            out.println("the run fails: the cluster's IAM access control refused the functions what they asked "
                + "(above); deployed with these policies, they would be refused the same");
        }
        return outcome;
    }

    /** The tables read back; null, said why, when they cannot be. */
    private TableAccount readTables(PrintWriter out) {
        try {
            return TableAccount.read(stack.dynamo(), options.services().aggregatesTable(),
                options.services().rejectsTable());
        } catch (IllegalStateException | SdkException e) {
            if (interrupted) {
                throw new org.apache.kafka.common.errors.InterruptException(new InterruptedException());
            }
            out.println("reconciliation: not done - cannot read the tables: " + e.getMessage());
            return null;
        }
    }

    /** The topic read back; null, said why, when it cannot be. */
    private TopicAccount readTopic(PrintWriter out) {
        try {
            return TopicAccount.read(settings.operatorClient(), options.services().topic(), trigger.startOffsets(),
                producers.acknowledgements());
        } catch (KafkaException | IllegalStateException e) {
            out.println("reconciliation: not done - cannot read the topic back: " + e.getMessage());
            return null;
        }
    }

    /** Stops producers, trigger and faults where they are and prints what had been done and what had not. */
    private Outcome interrupted(PrintWriter out) {
        Thread.interrupted();
        if (progress != null) {
            progress.close(); // no line in the middle of the report
        }
        out.println();
        out.println("interrupted: stopping the producers and the trigger");
        if (producers != null) {
            producers.close();
        }
        if (triggerThread != null) {
            triggerThread.abort();
        }
        if (faults != null) {
            faults.close();
        }
        Report report = new Report(out, options, stack == null ? new AccessReport(null, options.access())
            : AccessReport.of(stack));
        if (producers != null) {
            report.producers(producers.invocations(), producers.acknowledgements(), producers.clients().retries());
            report.unfinishedProducers(producers.unfinished());
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

    private Outcome outcome(Reconciliation reconciliation, boolean drained, boolean wasInterrupted) {
        return new Outcome(reconciliation, producers == null ? List.of() : List.copyOf(producers.invocations()),
            trigger == null ? 0 : trigger.retries(), trigger == null ? 0 : trigger.delivered().repeats(),
            trigger == null ? null : trigger.failure(), drained, wasInterrupted, wallTime(), accessRefused());
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

    private static long nextSeed(RandomGenerator seeds) {
        synchronized (seeds) {
            return seeds.nextLong();
        }
    }
}
