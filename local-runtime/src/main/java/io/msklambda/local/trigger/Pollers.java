package io.msklambda.local.trigger;

/**
 * How many pollers read the topic, as the mapping's scaling mode has it
 * (https://docs.aws.amazon.com/lambda/latest/dg/kafka-scaling-modes.html). Each poller is a consumer of the group
 * and invokes the function with one batch at a time; Lambda caps pollers at the topic's partitions, so that each
 * partition stays with one poller and in order.
 *
 * <p>On demand, Lambda adds pollers as the offset lag grows (evaluated every minute), up to one per partition; here
 * that many start at once, the concurrency an on-demand mapping reaches under load. Provisioned, the mapping keeps
 * between {@code MinimumPollers} and {@code MaximumPollers}; here {@code MaximumPollers} (capped at the partitions)
 * start. AWS lets one poller run up to 5 invocations at once; here a poller runs one, so a provisioned mapping with
 * fewer pollers than partitions is less concurrent here than deployed.
 *
 * @param minimum {@code ProvisionedPollerConfig.MinimumPollers} (1–200); null on demand
 * @param maximum {@code ProvisionedPollerConfig.MaximumPollers} (1–2,000, at least the minimum); null on demand
 */
public record Pollers(Integer minimum, Integer maximum) {

    public static final Pollers ON_DEMAND = new Pollers(null, null);
    /** AWS's defaults when ProvisionedPollerConfig leaves one out. */
    public static final int DEFAULT_MINIMUM = 1;

    public static final int DEFAULT_MAXIMUM = 200;

    public Pollers {
        if (minimum != null || maximum != null) {
            int min = minimum == null ? DEFAULT_MINIMUM : minimum;
            int max = maximum == null ? DEFAULT_MAXIMUM : maximum;
            if (min < 1 || min > 200) {
                throw new IllegalArgumentException("MinimumPollers must be 1 to 200: " + min);
            }
            if (max < 1 || max > 2000 || max < min) {
                throw new IllegalArgumentException(
                        "MaximumPollers must be 1 to 2000 and at least MinimumPollers (" + min + "): " + max);
            }
            minimum = min;
            maximum = max;
        }
    }

    public boolean provisioned() {
        return maximum != null;
    }

    /** The pollers that read a topic of {@code partitions} partitions. */
    int count(int partitions) {
        int cap = Math.max(1, partitions);
        return provisioned() ? Math.min(maximum, cap) : cap;
    }

    public void requireProvisioned(String setting) {
        if (!provisioned()) {
            throw new IllegalArgumentException(setting + " is available for Kafka mappings in provisioned mode only: "
                    + "set ProvisionedPollerConfig (MinimumPollers, MaximumPollers) too "
                    + "(https://docs.aws.amazon.com/lambda/latest/dg/kafka-scaling-modes.html)");
        }
    }

    @Override
    public String toString() {
        return provisioned() ? "provisioned " + minimum + "-" + maximum : "on-demand";
    }
}
