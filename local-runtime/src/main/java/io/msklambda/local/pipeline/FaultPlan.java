package io.msklambda.local.pipeline;

import io.msklambda.local.faults.FaultSpec;
import io.msklambda.local.faults.PoisonRecords;
import io.msklambda.local.stack.OptionCheck;
import io.msklambda.local.trigger.FilterCriteria;
import java.util.List;

/**
 * The faults of a run.
 *
 * @param scheduled      {@code --fault}s, at their times from the start of the run
 * @param redeliverEvery every this many batches, committed records are delivered again; 0 = never
 * @param crashEvery     every this many consumer invocations crashes mid-write; 0 = never
 * @param poison         {@code --poison} patterns: records whose value matches one make the consumer fail
 */
public record FaultPlan(List<FaultSpec> scheduled, int redeliverEvery, int crashEvery, List<String> poison) {

    public static final FaultPlan NONE = new FaultPlan(List.of(), 0, 0);

    /** Without poison records. */
    public FaultPlan(List<FaultSpec> scheduled, int redeliverEvery, int crashEvery) {
        this(scheduled, redeliverEvery, crashEvery, List.of());
    }

    public FaultPlan {
        scheduled = List.copyOf(scheduled);
        poison = List.copyOf(poison);
        OptionCheck.require(redeliverEvery >= 0, "--redeliver-every", redeliverEvery, "must be 0 (never) or more");
        OptionCheck.require(crashEvery >= 0, "--crash-every", crashEvery, "must be 0 (never) or more");
        compile(poison);
    }

    /** The poison patterns, compiled. */
    public PoisonRecords poisonRecords() {
        return compile(poison);
    }

    private static PoisonRecords compile(List<String> poison) {
        try {
            return new PoisonRecords(FilterCriteria.of(poison));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--poison: " + e.getMessage(), e);
        }
    }
}
