package io.msklambda.tests.support;

import io.msklambda.consumer.AggregatesTable;
import io.msklambda.model.DecodeResult;
import io.msklambda.model.Event;
import io.msklambda.model.JsonCodec;
import io.msklambda.model.Order;
import io.msklambda.model.Telemetry;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The brute-force answer: what processing each distinct record once gives, computed independently of the
 * consumer's code (plain lists, then count, sum, min, max and the average at DynamoDB's 38 digits). Only the series'
 * names come from the table's description ({@link AggregatesTable#seriesOf}); windows and statistics are its own.
 */
public final class GroundTruth {

    private static final DateTimeFormatter KEY =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private GroundTruth() {}

    /** @param values each distinct record's value bytes, once */
    public static Map<String, StoredItems.Stats> of(Iterable<byte[]> values, long windowSeconds) {
        Map<String, List<BigDecimal>> series = new TreeMap<>();
        Map<String, String> ends = new TreeMap<>();
        for (byte[] value : values) {
            DecodeResult result = JsonCodec.decode(value);
            if (!(result instanceof DecodeResult.Decoded decoded)) {
                continue;
            }
            Event event = decoded.event();
            long size = windowSeconds * 1000;
            long start = Math.floorDiv(event.eventTime().toEpochMilli(), size) * size;
            String name = AggregatesTable.seriesOf(event);
            BigDecimal metric =
                    event instanceof Telemetry t ? t.temperature() : BigDecimal.valueOf(((Order) event).units());
            String key = name + "@" + KEY.format(Instant.ofEpochMilli(start));
            series.computeIfAbsent(key, k -> new ArrayList<>()).add(metric);
            ends.put(key, KEY.format(Instant.ofEpochMilli(start + size)));
        }
        Map<String, StoredItems.Stats> truth = new TreeMap<>();
        series.forEach((key, metrics) -> {
            BigDecimal sum = metrics.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal avg =
                    sum.divide(BigDecimal.valueOf(metrics.size()), new MathContext(38, RoundingMode.HALF_EVEN));
            truth.put(
                    key,
                    new StoredItems.Stats(
                            metrics.size(),
                            sum.stripTrailingZeros(),
                            avg.stripTrailingZeros(),
                            metrics.stream()
                                    .min(BigDecimal::compareTo)
                                    .orElseThrow()
                                    .stripTrailingZeros(),
                            metrics.stream()
                                    .max(BigDecimal::compareTo)
                                    .orElseThrow()
                                    .stripTrailingZeros(),
                            ends.get(key)));
        });
        return truth;
    }
}
