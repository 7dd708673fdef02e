package io.msklambda.local.pipeline;

import io.msklambda.local.stack.OptionCheck;
import java.time.Duration;
import java.util.Objects;

/**
 * Each function's {@code Timeout} and {@code MemorySize}, which their contexts report: the producer stops publishing
 * early enough to flush before its timeout.
 *
 * @param producerTimeout  the producer's {@code Timeout}
 * @param producerMemoryMb the producer's {@code MemorySize}
 * @param consumerTimeout  the consumer's {@code Timeout}
 * @param consumerMemoryMb the consumer's {@code MemorySize}
 */
public record FunctionLimits(
        Duration producerTimeout, int producerMemoryMb, Duration consumerTimeout, int consumerMemoryMb) {

    /** Lambda's limits (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(15);

    public FunctionLimits {
        Objects.requireNonNull(producerTimeout, "producerTimeout");
        Objects.requireNonNull(consumerTimeout, "consumerTimeout");
        OptionCheck.require(
                !producerTimeout.isNegative()
                        && !producerTimeout.isZero()
                        && producerTimeout.compareTo(MAX_TIMEOUT) <= 0,
                "ProducerFunction Timeout",
                producerTimeout.toSeconds(),
                "must be 1 to 900 seconds");
        OptionCheck.require(
                !consumerTimeout.isNegative()
                        && !consumerTimeout.isZero()
                        && consumerTimeout.compareTo(MAX_TIMEOUT) <= 0,
                "ConsumerFunction Timeout",
                consumerTimeout.toSeconds(),
                "must be 1 to 900 seconds");
        OptionCheck.range(producerMemoryMb, 128, 10_240, "ProducerFunction MemorySize");
        OptionCheck.range(consumerMemoryMb, 128, 10_240, "ConsumerFunction MemorySize");
    }

    /** Without a template: a producer timeout that leaves its run and its flush room, 512 MB each, as Globals has. */
    public static FunctionLimits forRun(int runSeconds) {
        return new FunctionLimits(Duration.ofSeconds(runSeconds + 15L), 512, Duration.ofSeconds(60), 512);
    }
}
