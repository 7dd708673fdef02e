package io.msklambda.local.trigger;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Rides out MSK's IAM connection-rate limit: a broker over its new-connections-per-second limit refuses
 * authentication with {@code Too many connects}, and aws-msk-iam-auth's guidance is to connect again after a
 * backoff of a second or more (https://github.com/aws/aws-msk-iam-auth#failed-authentication-too-many-connects). An
 * event source mapping keeps polling through it; so does the trigger, where any other failure to authenticate still
 * stops it. A Kafka consumer or admin client stays usable after such a refusal, and connects again on its next call.
 */
final class ConnectionThrottle {

    /** The wait before the next attempt: aws-msk-iam-auth's recommended reconnect backoff. */
    static final Duration BACKOFF = Duration.ofSeconds(1);

    private static final String REFUSAL = "Too many connects";

    private final String who;
    private final BooleanSupplier aborted;
    private final PrintWriter log;
    private boolean logged;

    /**
     * @param who     whose calls these are, for the log line
     * @param aborted whether to stop waiting
     */
    ConnectionThrottle(String who, BooleanSupplier aborted, PrintWriter log) {
        this.who = who;
        this.aborted = aborted;
        this.log = log;
    }

    /** Whether {@code error}, or one of its causes, is the broker's refusal for the connection rate. */
    static boolean refusedForRate(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SaslAuthenticationException
                    && cause.getMessage() != null
                    && cause.getMessage().contains(REFUSAL)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code call}'s result, called again after {@link #BACKOFF} for as long as the broker refuses a connection for
     * its rate; the first refusal of this throttle's owner is logged.
     *
     * @throws WakeupException when aborted while waiting
     */
    <T> T call(Supplier<T> call) {
        while (true) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (!refusedForRate(e) || aborted.getAsBoolean()) {
                    throw e;
                }
                if (!logged) {
                    log.println("trigger: " + who + ": a connection refused by the broker's IAM connection rate limit "
                            + "(Too many connects); connecting again every " + BACKOFF.toMillis() + " ms");
                    logged = true;
                }
                sleep();
            }
        }
    }

    /** The same for a call without a result. */
    void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    private void sleep() {
        try {
            Thread.sleep(BACKOFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
        if (aborted.getAsBoolean()) {
            throw new WakeupException();
        }
    }
}
