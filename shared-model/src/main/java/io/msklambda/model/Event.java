package io.msklambda.model;

import java.time.Instant;

/** A record on the topic: either an {@link Order} or a {@link Telemetry} reading. */
public sealed interface Event permits Order, Telemetry {

    /** When the event happened (its event time, in UTC), which decides its aggregation window. */
    Instant eventTime();
}
