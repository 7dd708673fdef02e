package io.msklambda.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One temperature reading of an IoT device.
 *
 * @param deviceId device number, 1..DEVICE_COUNT for generated data
 * @param timestamp when the reading was taken, millisecond precision
 * @param temperature degrees Celsius, as {@link AggregatedDecimal} keeps the number written in the record
 */
public record Telemetry(int deviceId, Instant timestamp, BigDecimal temperature) implements Event {

    /**
     * @throws IllegalArgumentException if the temperature is not a value of the precision rule: at most
     *     {@value AggregatedDecimal#MAX_DECIMALS} decimals and within ±1E+15 (what keeps every sum within DynamoDB's 38
     *     digits)
     */
    public Telemetry {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(temperature, "temperature");
        if (temperature.scale() > AggregatedDecimal.MAX_DECIMALS
                || temperature.abs().compareTo(AggregatedDecimal.MAX_MAGNITUDE) > 0) {
            throw new IllegalArgumentException("temperature " + temperature + " has more than "
                    + AggregatedDecimal.MAX_DECIMALS + " decimals or is beyond ±1E+15");
        }
    }

    /**
     * A reading built in code.
     *
     * @throws IllegalArgumentException if the temperature is not finite or beyond what is aggregated
     */
    public Telemetry(int deviceId, Instant timestamp, double temperature) {
        this(deviceId, timestamp, AggregatedDecimal.of(temperature));
    }

    @Override
    public Instant eventTime() {
        return timestamp;
    }
}
