package io.msklambda.producer;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * Whether records are made on a thread of their own, ahead of the sends ({@code GENERATOR_THREAD}).
 *
 * <p>Making an order (Faker-derived data, its JSON) costs about twice what {@code send()} costs, so a full-speed run
 * on one thread is bound by generation. A second thread helps only where there is a second processor to run it: Lambda
 * gives a function CPU in proportion to its memory, one vCPU's worth at 1,769 MB, up to six at 10,240 MB
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html). Below that, two threads share less than
 * one vCPU and the hand-over between them only adds work.
 */
public enum GeneratorThread {
    /** On for a full-speed run ({@code BATCH_INTERVAL_MS=0}) with more than one vCPU's worth of CPU. */
    AUTO,
    /** On for every run; full speed only, since paced batches would carry event times stamped ahead of their send. */
    ON,
    /** Records are made on the invocation's thread, just before each send. */
    OFF;

    /** Below this function memory Lambda gives less than one vCPU's worth of CPU. */
    static final int ONE_VCPU_MB = 1_769;

    /**
     * @param batchInterval    {@code BATCH_INTERVAL_MS}: only a full-speed run (zero) generates ahead
     * @param processors       what the JVM sees ({@code availableProcessors()})
     * @param functionMemoryMb the function's memory in Lambda, empty elsewhere
     */
    boolean enabled(Duration batchInterval, int processors, OptionalInt functionMemoryMb) {
        return switch (this) {
            case ON -> true;
            case OFF -> false;
            case AUTO ->
                batchInterval.isZero() && processors > 1 && functionMemoryMb.orElse(Integer.MAX_VALUE) > ONE_VCPU_MB;
        };
    }
}
