package io.msklambda.local.pipeline;

import java.util.List;

import io.msklambda.local.faults.FaultSpec;

/**
 * The faults of a run.
 *
 * @param scheduled      {@code --fault}s, at their times from the start of the run
 * @param redeliverEvery every this many batches, committed records are delivered again; 0 = never
 * @param crashEvery     every this many consumer invocations crashes mid-write; 0 = never
 */
public record FaultPlan(List<FaultSpec> scheduled, int redeliverEvery, int crashEvery) {

    public static final FaultPlan NONE = new FaultPlan(List.of(), 0, 0);

    public FaultPlan {
        scheduled = List.copyOf(scheduled);
        OptionCheck.require(redeliverEvery >= 0, "--redeliver-every", redeliverEvery, "must be 0 (never) or more");
        OptionCheck.require(crashEvery >= 0, "--crash-every", crashEvery, "must be 0 (never) or more");
    }
}
