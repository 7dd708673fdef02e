package io.msklambda.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One temperature reading of an IoT device.
 *
 * @param deviceId device number, 1..DEVICE_COUNT for generated data
 * @param timestamp when the reading was taken, millisecond precision
 * @param temperature degrees Celsius; always finite
 */
public record Telemetry(int deviceId, Instant timestamp, double temperature) implements Event {

    public Telemetry {
        Objects.requireNonNull(timestamp, "timestamp");
        if (!Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite: " + temperature);
        }
    }

    @Override
    public Instant eventTime() {
        return timestamp;
    }
}
