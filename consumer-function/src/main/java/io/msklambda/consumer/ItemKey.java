package io.msklambda.consumer;

import io.msklambda.model.TumblingWindows;

/**
 * The key of an aggregate item: the series ({@code device#17} or {@code orders}) and its window.
 */
record ItemKey(String series, TumblingWindows.Window window) {

    static final String TELEMETRY_PREFIX = "device#";
    static final String ORDERS = "orders";

    String windowStart() {
        return window.startKey();
    }

    @Override
    public String toString() {
        return series + "@" + windowStart();
    }
}
