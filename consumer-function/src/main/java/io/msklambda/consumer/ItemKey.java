package io.msklambda.consumer;

import io.msklambda.model.TumblingWindows;

/**
 * The key of one {@link AggregatesTable} item: a series ({@code device#17} or {@code orders}), its window, and the
 * source partition ({@code topic-partition}) whose records the item counts. A window's statistics are its items
 * combined over every source; {@link AggregateStore} says why a window is split this way.
 */
record ItemKey(String series, TumblingWindows.Window window, String source) {

    String windowStart() {
        return window.startKey();
    }

    /**
     * The table's sort key, {@code 2026-03-09T21:05:00Z#orders-3}. The start is fixed-width, so a window's items are
     * exactly the keys that begin with it, and {@code BETWEEN start AND end} (both window starts) selects the windows
     * that start in {@code [start, end)}.
     */
    String sortKey() {
        return AggregatesTable.windowSourceOf(windowStart(), source);
    }

    @Override
    public String toString() {
        return series + "@" + sortKey();
    }
}
