package io.msklambda.local.kafka.iam;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cluster's IAM connection limits, enforced per broker as MSK enforces them: each broker's new connections
 * ({@link IamConnectionRate}), counted across restarts of that broker. The limit on open connections is Kafka's
 * own listener setting, which the cluster's configuration carries; this class holds the figure for it.
 */
public final class IamConnectionQuotas {

    /**
     * What the cluster's IAM listeners did with new connections so far, over every broker.
     *
     * @param admitted let in to authenticate (a wrong signature among them still fails after)
     * @param refused  refused with {@code Too many connects}
     */
    public record Counts(long admitted, long refused) {}

    private final IamConnectionLimits limits;
    private final Clock clock;
    private final Map<Integer, IamConnectionRate> brokers = new ConcurrentHashMap<>();

    /** @param clock what the rate's seconds are counted by (the IAM listener's clock) */
    public IamConnectionQuotas(IamConnectionLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public IamConnectionLimits limits() {
        return limits;
    }

    public Counts counts() {
        long admitted = 0;
        long refused = 0;
        for (IamConnectionRate broker : brokers.values()) {
            admitted += broker.admitted();
            refused += broker.refused();
        }
        return new Counts(admitted, refused);
    }

    /** Broker {@code brokerId}'s rate: the same one each time its listener is configured, after a restart too. */
    IamConnectionRate broker(int brokerId) {
        return brokers.computeIfAbsent(brokerId, id -> new IamConnectionRate(id, limits, clock));
    }
}
