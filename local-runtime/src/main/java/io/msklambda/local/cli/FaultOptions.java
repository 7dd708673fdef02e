package io.msklambda.local.cli;

import io.msklambda.local.faults.FaultSpec;
import io.msklambda.local.pipeline.FaultPlan;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code pipeline} flags that inject faults: redeliveries, crashes, poison records and scheduled outages. */
final class FaultOptions {

    @Option(
            names = "--redeliver-every",
            defaultValue = "0",
            description = "fault: after every N batches, deliver committed records again with shifted boundaries")
    int redeliverEvery;

    @Option(
            names = "--crash-every",
            defaultValue = "0",
            description = "fault: every N-th consumer invocation crashes after part of its writes")
    int crashEvery;

    @Option(
            names = "--poison",
            paramLabel = "PATTERN",
            description = "fault: records whose value matches this filter pattern make the consumer fail (or, with "
                    + "--report-batch-item-failures, answer with a partial batch response naming them); repeatable")
    List<String> poison = new ArrayList<>();

    @Option(
            names = "--fault",
            paramLabel = "KIND@AT[/FOR]",
            converter = FaultConverter.class,
            description = {
                "fault on a schedule, times from the start of the producers; repeatable. KIND is one of:",
                "  broker-restart@AT: a rolling restart, each broker in turn, waiting for its partitions to be in sync",
                "  broker-kill@AT/FOR: the leader of partition 0 stopped hard for FOR, then started again",
                "  dynamodb-outage@AT/FOR: DynamoDB Local refuses connections for FOR, then serves its data again",
                "  dynamodb-throttle@AT/FOR: DynamoDB Local answers every request with a throttling error for FOR"
            })
    List<FaultSpec> faults = new ArrayList<>();

    /** @throws IllegalArgumentException naming the option, the value and what is allowed */
    FaultPlan plan() {
        return new FaultPlan(faults, redeliverEvery, crashEvery, poison);
    }
}
