package io.msklambda.local.kafka.iam;

import java.time.Clock;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker's new IAM connections, held to {@link IamConnectionLimits#newConnectionsPerSecond()} in any one
 * second: the times of the last that many it let in are kept, and a new one is let in only if the oldest of them is
 * a second old. A refused one does not count, so a client that retries gets in as soon as the second has passed.
 *
 * <p>A burst of refusals is logged twice, not once per connection: when the first is refused, and when one is let
 * in again, with how many were refused in between (a Lambda fan-out retrying every 50 ms would otherwise write
 * hundreds of lines a second).
 */
final class IamConnectionRate {

    private static final Logger LOG = LoggerFactory.getLogger(IamConnectionRate.class);
    private static final long WINDOW_MILLIS = 1000;
    private static final long NEVER = Long.MIN_VALUE;

    private final int brokerId;
    private final Clock clock;
    /** The times the last {@code newConnectionsPerSecond} connections were let in, oldest at {@link #next}. */
    private final long[] admittedAt;

    private int next;
    private long admitted;
    private long refused;
    private long burstRefused;
    private long burstStartedAt;

    IamConnectionRate(int brokerId, IamConnectionLimits limits, Clock clock) {
        this.brokerId = brokerId;
        this.clock = clock;
        this.admittedAt = new long[limits.newConnectionsPerSecond()];
        Arrays.fill(admittedAt, NEVER);
    }

    /** Lets one new connection in, or refuses it if the broker let in its limit within the last second. */
    synchronized boolean tryAdmit() {
        long now = clock.millis();
        long oldest = admittedAt[next];
        if (oldest != NEVER && now - oldest < WINDOW_MILLIS) {
            refuse(now);
            return false;
        }
        admittedAt[next] = now;
        next = (next + 1) % admittedAt.length;
        admitted++;
        if (burstRefused > 0) {
            LOG.info(
                    "broker {}: letting new IAM connections in again; {} refused with \"Too many connects\" in the "
                            + "last {} ms",
                    brokerId,
                    burstRefused,
                    now - burstStartedAt);
            burstRefused = 0;
        }
        return true;
    }

    private void refuse(long now) {
        refused++;
        if (burstRefused++ == 0) {
            burstStartedAt = now;
            LOG.warn(
                    "broker {}: refusing new IAM connections with \"Too many connects\": more than {} a second, as "
                            + "MSK refuses them (https://docs.aws.amazon.com/msk/latest/developerguide/limits.html"
                            + "#msk-provisioned-quota); a client retries after its reconnect.backoff.ms",
                    brokerId,
                    admittedAt.length);
        }
    }

    synchronized long admitted() {
        return admitted;
    }

    synchronized long refused() {
        return refused;
    }
}
