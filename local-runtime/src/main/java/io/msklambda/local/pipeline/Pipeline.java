package io.msklambda.local.pipeline;

import io.msklambda.local.lambda.FunctionOutput;
import io.msklambda.local.schedule.ScheduleFanOut;
import io.msklambda.local.stack.Closer;
import io.msklambda.local.stack.Exposure;
import io.msklambda.local.stack.LocalStack;
import io.msklambda.local.stack.Services;
import io.msklambda.local.trigger.MskTrigger;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.KafkaException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The whole flow on one machine: N producer invocations per tick into Kafka, the MSK trigger emulator into the
 * consumer, DynamoDB at the end, faults on their schedule; then the windows and the reconciliation of the accounts
 * of the data. On the embedded cluster and DynamoDB Local unless real endpoints are given. One instance, one run.
 *
 * <p>What a run is made of, and how the parts are wired, is {@link PipelineParts}; this class is how a run goes:
 * start, produce, drain, then reconcile, or report what was done when interrupted.
 */
public final class Pipeline {

    /**
     * How a run ended.
     *
     * @param reconciliation null when the run ended before it could reconcile (interrupted, or the trigger stuck)
     * @param drained        whether the trigger delivered everything before the drain timeout
     * @param accessRefused  whether the cluster's IAM access control refused the producer or the trigger anything
     */
    public record Outcome(
            Reconciliation reconciliation,
            List<ScheduleFanOut.Invocation> invocations,
            long consumerRetries,
            long redelivered,
            Exception triggerFailure,
            boolean drained,
            boolean interrupted,
            Duration wallTime,
            boolean accessRefused) {

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

    /** How often the run's own thread looks whether it was interrupted while it waits for producers or trigger. */
    private static final Duration WAIT_STEP = Duration.ofMillis(100);
    /** How long the trigger's group may take to be assigned its partitions before the producers start. */
    private static final Duration ASSIGNMENT_TIMEOUT = Duration.ofSeconds(60);

    private final PipelineOptions options;
    private volatile Thread runner;
    private volatile boolean interrupted;
    private long started;
    private final PipelineParts parts;

    public Pipeline(PipelineOptions options) {
        this.options = options;
        this.parts = new PipelineParts(options);
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
        if (!parts.trigger().awaitAssignment(ASSIGNMENT_TIMEOUT)) {
            throw new IllegalStateException(
                    "the trigger's consumer group " + options.mapping().consumerGroup()
                            + (parts.trigger().failure() != null
                                    ? " stopped before it got its partitions: "
                                            + AccessReport.of(parts.stack())
                                                    .explain(parts.trigger().failure(), LocalStack.Client.TRIGGER)
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
        LocalStack stack = services != null
                ? services
                : closer.add(LocalStack.start(options.services(), Exposure.LOOPBACK, options.access(), out));
        parts.start(stack, closer, functionOutput, out);
    }

    /**
     * The ticks of the schedule, each firing its invocations on time; the progress lines, on their own thread, start
     * with the first and go on until the consumer has drained.
     */
    private void produce() throws InterruptedException {
        long start = System.nanoTime();
        parts.eventLines().startAt(start);
        parts.progress().start(start);
        parts.producers().begin();
        parts.faults().start(start);
        parts.producers().fire(start, WAIT_STEP, () -> interrupted);
        parts.events()
                .printf(
                        Locale.ROOT,
                        "producers done: their %d invocations returned; the trigger delivers the rest%n",
                        parts.producers().invocations().size());
    }

    /**
     * Waits for every fault to heal, then for the trigger to deliver what is left, both within the drain timeout.
     * A trigger still retrying a batch then is aborted (its offsets stay uncommitted).
     */
    private boolean drain(PrintWriter out) throws InterruptedException {
        if (!parts.faults().awaitHealed(options.drainTimeout())) {
            out.println(
                    "faults still not healed " + options.drainTimeout().toSeconds() + " s after the producers' end");
        }
        parts.triggerThread().drain(options.drainTimeout(), WAIT_STEP, () -> interrupted);
        parts.progress().finish();
        if (parts.triggerThread().ended()) {
            return true;
        }
        parts.triggerThread().abort();
        out.printf(
                "consumer did not catch up within %d s (--drain-timeout) of the producers' end and the last fault "
                        + "healing: lag %,d, %,d records of a batch still failing; their offsets stay uncommitted%n",
                options.drainTimeout().toSeconds(),
                Progress.lag(parts.trigger(), parts.producers().acknowledgements()),
                parts.trigger().pendingBatchRecords());
        return false;
    }

    private Outcome finish(PrintWriter out, boolean drained) {
        MskTrigger trigger = parts.trigger();
        ScheduledProducers producers = parts.producers();
        Report report = new Report(out, options, AccessReport.of(parts.stack()));
        report.producers(
                producers.invocations(),
                producers.acknowledgements(),
                producers.clients().retries());
        report.consumer(trigger, parts.conflicts().sum());
        report.faults(parts.faults());
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
        Reconciliation reconciliation = new Reconciliation(
                producers.acknowledgements().acknowledged(),
                topic,
                trigger.delivered().records(),
                trigger.delivered().filtered(),
                trigger.delivered().sentToDestination(),
                OnFailureDestination.recordsHeld(parts.sink(), out),
                trigger.delivered().discarded(),
                tables.windows().totalCount(),
                tables.rejected(),
                tables.windows().countsPerSeries(),
                trigger.delivered().perSeries());
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
            return TableAccount.read(
                    parts.stack().dynamo(),
                    options.services().aggregatesTable(),
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
            return TopicAccount.read(
                    parts.settings().operatorClient(),
                    options.services().topic(),
                    parts.trigger().startOffsets(),
                    parts.producers().acknowledgements());
        } catch (KafkaException | IllegalStateException e) {
            out.println("reconciliation: not done - cannot read the topic back: " + e.getMessage());
            return null;
        }
    }

    /** Stops producers, trigger and faults where they are and prints what had been done and what had not. */
    private Outcome interrupted(PrintWriter out) {
        Thread.interrupted();
        MskTrigger trigger = parts.trigger();
        ScheduledProducers producers = parts.producers();
        if (parts.progress() != null) {
            parts.progress().close(); // no line in the middle of the report
        }
        out.println();
        out.println("interrupted: stopping the producers and the trigger");
        if (producers != null) {
            producers.close();
        }
        if (parts.triggerThread() != null) {
            parts.triggerThread().abort();
        }
        if (parts.faults() != null) {
            parts.faults().close();
        }
        Report report = new Report(
                out,
                options,
                parts.stack() == null ? new AccessReport(null, options.access()) : AccessReport.of(parts.stack()));
        if (producers != null) {
            report.producers(
                    producers.invocations(),
                    producers.acknowledgements(),
                    producers.clients().retries());
            report.unfinishedProducers(producers.unfinished());
        }
        if (trigger != null) {
            report.consumer(trigger, parts.conflicts().sum());
            report.unfinishedConsumer(trigger);
        }
        if (parts.faults() != null) {
            report.faults(parts.faults());
        }
        report.authorization();
        report.interrupted(wallTime());
        return outcome(null, false, true);
    }

    private Outcome outcome(Reconciliation reconciliation, boolean drained, boolean wasInterrupted) {
        MskTrigger trigger = parts.trigger();
        ScheduledProducers producers = parts.producers();
        return new Outcome(
                reconciliation,
                producers == null ? List.of() : List.copyOf(producers.invocations()),
                trigger == null ? 0 : trigger.retries(),
                trigger == null ? 0 : trigger.delivered().repeats(),
                trigger == null ? null : trigger.failure(),
                drained,
                wasInterrupted,
                wallTime(),
                accessRefused());
    }

    /**
     * Whether the cluster's IAM access control refused the producer or the trigger anything so far: a run that
     * ends on an exception (the trigger refused at its start) is then a matter of the template's policies.
     */
    public boolean accessRefused() {
        return parts.stack() != null
                && parts.stack()
                        .authorization()
                        .map(authorization -> !authorization.log().refusals().isEmpty())
                        .orElse(false);
    }

    private Duration wallTime() {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
