package io.msklambda.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An e-commerce order as it travels on the orders topic.
 *
 * @param orderId opaque id (a UUID for generated data)
 * @param orderedAt when the order was placed, millisecond precision
 * @param userId short id of a recurring user
 * @param items one or more lines
 */
public record Order(String orderId, Instant orderedAt, String userId, List<OrderItem> items) implements Event {

    public Order {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(orderedAt, "orderedAt");
        Objects.requireNonNull(userId, "userId");
        items = List.copyOf(items);
    }

    /** Units in the order: the sum of its lines' quantities (the metric the consumer averages). */
    public long units() {
        long units = 0;
        for (OrderItem item : items) {
            units += item.quantity();
        }
        return units;
    }

    @Override
    public Instant eventTime() {
        return orderedAt;
    }
}
