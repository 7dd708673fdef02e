package io.msklambda.local.pipeline;

import io.msklambda.local.faults.FaultSpec;
import io.msklambda.local.schedule.TickEvents;
import io.msklambda.local.stack.ClusterAccess;
import io.msklambda.local.stack.OptionCheck;
import io.msklambda.local.stack.Services;
import io.msklambda.producer.AuthMode;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a pipeline run needs, in small records each validated when built, so that a bad option fails before
 * anything starts.
 *
 * @param workload     the schedule and the producers
 * @param services     Kafka and DynamoDB, embedded or real
 * @param mapping      the trigger and the consumer
 * @param faults       what goes wrong, and when
 * @param drainTimeout how long the consumer may take to catch up once the producers are done and the faults healed
 * @param verbose      print the functions' own log lines
 * @param schedule     what each of the schedule's targets receives at a tick; as many targets as
 *                     {@code workload.concurrency()}
 * @param limits       the functions' timeouts and memory
 * @param access       who signs in to the embedded cluster and what each may do; null: no authorization
 * @param variables    the functions' variables from the template, passed on beside the run's own; null: none
 */
public record PipelineOptions(
        Workload workload,
        Services services,
        Mapping mapping,
        FaultPlan faults,
        Duration drainTimeout,
        boolean verbose,
        TickEvents schedule,
        FunctionLimits limits,
        ClusterAccess access,
        FunctionVariables variables) {

    /** Without the template's other variables. */
    public PipelineOptions(
            Workload workload,
            Services services,
            Mapping mapping,
            FaultPlan faults,
            Duration drainTimeout,
            boolean verbose,
            TickEvents schedule,
            FunctionLimits limits,
            ClusterAccess access) {
        this(workload, services, mapping, faults, drainTimeout, verbose, schedule, limits, access, null);
    }

    /** Without authorization. */
    public PipelineOptions(
            Workload workload,
            Services services,
            Mapping mapping,
            FaultPlan faults,
            Duration drainTimeout,
            boolean verbose,
            TickEvents schedule,
            FunctionLimits limits) {
        this(workload, services, mapping, faults, drainTimeout, verbose, schedule, limits, null);
    }

    /** The schedule of our template's rule, and limits that fit the run. */
    public PipelineOptions(
            Workload workload,
            Services services,
            Mapping mapping,
            FaultPlan faults,
            Duration drainTimeout,
            boolean verbose) {
        this(
                workload,
                services,
                mapping,
                faults,
                drainTimeout,
                verbose,
                TickEvents.sharded(workload.concurrency()),
                FunctionLimits.forRun(workload.runSeconds()));
    }

    public PipelineOptions {
        variables = variables == null ? FunctionVariables.NONE : variables;
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(limits, "limits");
        OptionCheck.require(
                schedule.targets() == workload.concurrency(),
                "--concurrency",
                workload.concurrency(),
                "must equal the schedule's targets (" + schedule.targets() + ")");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(faults, "faults");
        OptionCheck.require(
                drainTimeout.compareTo(Duration.ofSeconds(1)) >= 0,
                "--drain-timeout",
                drainTimeout,
                "must be 1s or more");
        checkFaults(faults.scheduled(), services, producersEnd(workload));
        // https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure-destination.html: not the source topic
        OptionCheck.require(
                !("kafka://" + services.topic()).equals(mapping.onFailure()),
                "--on-failure",
                mapping.onFailure(),
                "is the topic the mapping reads; Lambda refuses it, as it would feed the failures back");
        OptionCheck.require(
                access == null || !access.authorizes() || services.embeddedKafka() && services.auth() == AuthMode.IAM,
                "--authorization",
                access == null ? null : access.mode(),
                "authorizes the embedded cluster's IAM listener: it needs --auth iam and no "
                        + "--bootstrap-servers (a real cluster authorizes by its own policies); use --authorization off");
        variables.check(workload, services, mapping);
    }

    /** When the last tick's invocations end, from the start of the first: no fault may start after that. */
    private static Duration producersEnd(Workload workload) {
        return workload.tick().multipliedBy(workload.ticks() - 1L).plusSeconds(workload.runSeconds());
    }

    /**
     * Each fault acts on an embedded service, starts while the producers run, and does not overlap another fault on
     * the same service (a second outage would be healed by the first one's end; a kill during a rolling restart
     * would be undone by it). A broker fault needs a second broker: on one, it takes the topic offline, which no MSK
     * cluster (two brokers at least) does.
     */
    private static void checkFaults(List<FaultSpec> faults, Services services, Duration producersEnd) {
        Map<Boolean, FaultSpec> last = new HashMap<>();
        for (FaultSpec fault :
                faults.stream().sorted(Comparator.comparing(FaultSpec::at)).toList()) {
            boolean kafka = fault.kind().onKafka();
            OptionCheck.require(
                    !kafka || services.embeddedKafka(),
                    "--fault",
                    fault,
                    "stops brokers of the embedded Kafka cluster; it cannot be used with --bootstrap-servers");
            OptionCheck.require(
                    kafka || services.embeddedDynamoDb(),
                    "--fault",
                    fault,
                    "acts on the embedded DynamoDB Local; it cannot be used with --dynamodb-endpoint");
            OptionCheck.require(
                    !kafka || services.brokers() >= 2,
                    "--fault",
                    fault,
                    "needs --brokers 2 or more (MSK runs 3): with one broker the topic would be offline");
            OptionCheck.require(
                    fault.at().compareTo(producersEnd) < 0,
                    "--fault",
                    fault,
                    "must start before the producers end (" + producersEnd.toSeconds()
                            + " s from the start, --ticks and --run-seconds)");
            FaultSpec previous = last.put(kafka, fault);
            if (previous != null) {
                OptionCheck.require(
                        previous.kind() != FaultSpec.Kind.BROKER_RESTART,
                        "--fault",
                        fault,
                        "comes after " + previous
                                + ", which lasts until every broker has restarted; schedule it before");
                OptionCheck.require(
                        fault.at().compareTo(previous.at().plus(previous.duration())) >= 0,
                        "--fault",
                        fault,
                        "overlaps " + previous + " on the same service; start it once that one has healed");
            }
        }
    }

    /** The producer's timeout: its context counts it down, and it stops publishing in time to flush. */
    public Duration producerTimeout() {
        return limits.producerTimeout();
    }
}
