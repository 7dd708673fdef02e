package io.msklambda.local.kafka.iam;

/**
 * Amazon MSK's limits on the connections of its IAM listener, per broker: how many new connections it lets
 * authenticate in any one second, and how many it holds open at once. Standard brokers, as the MSK quota page
 * documents them (https://docs.aws.amazon.com/msk/latest/developerguide/limits.html#msk-provisioned-quota):
 * "Maximum TCP connections per broker (IAM access control)" 3000, and "Maximum TCP connection rate per broker
 * (IAM)" 100 per second for M5 and M7g brokers, 4 per second for T3 ({@code kafka.t3.small}). Earlier revisions of
 * that page gave 20 per second for every type but {@code kafka.t3.small}.
 *
 * <p>A client over the rate is refused at SASL authentication with MSK's own answer, {@code [<request id>]: Too many
 * connects} (as aws-msk-iam-auth's README quotes it, https://github.com/aws/aws-msk-iam-auth#failed-authentication-too-many-connects); a
 * client past the open connections waits, since MSK sets Kafka's own {@code listener.name.<listener>.max.connections}
 * for it, and Kafka's acceptor then holds new connections until one closes.
 *
 * @param newConnectionsPerSecond authentications a broker lets through in any one second (a sliding second: MSK
 *                                documents "connection rate bursts" for clusters made after May 25, 2022 without
 *                                saying how large, so none beyond the rate is assumed)
 * @param maxConnections          connections a broker's IAM listener holds open at once
 */
public record IamConnectionLimits(int newConnectionsPerSecond, int maxConnections) {

    /** The most either figure may be here: far past MSK's, and a broker keeps one time per connection a second. */
    public static final int MAX = 100_000;

    /** {@code kafka.m5.*} and {@code kafka.m7g.*} brokers: what the local cluster stands for by default. */
    public static final IamConnectionLimits M5_AND_M7G = new IamConnectionLimits(100, 3000);

    /** {@code kafka.t3.small}, the development size. */
    public static final IamConnectionLimits T3 = new IamConnectionLimits(4, 3000);

    /** The local cluster's: an M5 (or M7g) broker's, the sizes production clusters run on. */
    public static final IamConnectionLimits DEFAULT = M5_AND_M7G;

    public IamConnectionLimits {
        require("newConnectionsPerSecond", newConnectionsPerSecond);
        require("maxConnections", maxConnections);
    }

    private static void require(String name, int value) {
        if (value < 1 || value > MAX) {
            throw new IllegalArgumentException("IAM connection limit " + name + " is " + value + "; it must be 1 to "
                    + MAX + " (MSK's M5 brokers: " + describe(100, 3000) + ")");
        }
    }

    private static String describe(int perSecond, int open) {
        return perSecond + " new connections a second, " + open + " open";
    }

    @Override
    public String toString() {
        return describe(newConnectionsPerSecond, maxConnections) + " per broker";
    }
}
