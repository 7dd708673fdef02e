package io.msklambda.model;

import java.math.BigDecimal;

/**
 * Today's two records, read by {@link JsonCodec#decode} (which tells them apart by shape) and named as the aggregates
 * table has always named them: a {@link Telemetry} reading is series {@code device#<id>} with its temperature, an
 * {@link Order} is series {@link #ORDERS_SERIES} with its units. The consumer uses it when {@code SERIES_FIELD},
 * {@code VALUE_FIELD} and {@code TIME_FIELD} are unset.
 *
 * <p>Device series names are kept for the first {@value #KEPT_DEVICE_SERIES} device ids, so that a telemetry record
 * costs no string building. The names are immutable values in an array written without locks: a thread that races
 * another sees a whole name or none, and at worst builds a name twice.
 */
public final class PresetObserver implements RecordObserver {

    /** A telemetry series is this prefix and the device id. */
    public static final String DEVICE_SERIES_PREFIX = "device#";
    /** The one series of all orders (metric: units per order). */
    public static final String ORDERS_SERIES = "orders";

    /** Device series names kept: the producer's default fleet and then some, 32 KB of references at most. */
    private static final int KEPT_DEVICE_SERIES = 4096;

    private final String[] deviceSeries = new String[KEPT_DEVICE_SERIES];

    /** Use {@link RecordObserver#presets()}. */
    PresetObserver() {}

    /** The key is never read: a preset's series is in its value. */
    @Override
    public Observed observe(byte[] key, byte[] value) {
        DecodeResult result = JsonCodec.decode(value);
        if (result instanceof DecodeResult.Rejected rejected) {
            return rejected;
        }
        Event event = ((DecodeResult.Decoded) result).event();
        if (event instanceof Telemetry t) {
            return new Reading(cachedDeviceSeries(t.deviceId()), t.timestamp(), t.temperature());
        }
        Order order = (Order) event;
        // OrderReader has refused an order whose units are beyond what AggregatedDecimal aggregates
        BigDecimal units = AggregatedDecimal.of(order.units());
        return new Reading(ORDERS_SERIES, order.orderedAt(), units);
    }

    /** The series an event is counted in: {@code device#<id>} for telemetry, {@code orders} for an order. */
    public static String seriesOf(Event event) {
        return event instanceof Telemetry telemetry ? deviceSeries(telemetry.deviceId()) : ORDERS_SERIES;
    }

    /** {@code device#17}. */
    public static String deviceSeries(int deviceId) {
        return DEVICE_SERIES_PREFIX + deviceId;
    }

    private String cachedDeviceSeries(int deviceId) {
        if (deviceId < 0 || deviceId >= KEPT_DEVICE_SERIES) {
            return deviceSeries(deviceId);
        }
        String series = deviceSeries[deviceId];
        if (series == null) {
            series = deviceSeries(deviceId);
            deviceSeries[deviceId] = series;
        }
        return series;
    }
}
