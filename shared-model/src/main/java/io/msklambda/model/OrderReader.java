package io.msklambda.model;

import static io.msklambda.model.RejectReason.MISSING_FIELD;
import static io.msklambda.model.RejectReason.OUT_OF_RANGE;
import static io.msklambda.model.RejectReason.WRONG_TYPE;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The order shape, {@code {"order_id":…,"ordered_at":…,"user_id":…,"items":…}}: keeps its fields as the parser meets
 * them (the items through {@link OrderItemsReader}), then checks them into an {@link Order}. One instance per record.
 */
final class OrderReader {

    private boolean orderIdPresent;
    private JsonScalar orderId;
    private JsonScalar orderedAt;
    private JsonScalar userId;
    private OrderItemsReader.Items items;

    /** Reads the field the parser is on if it is one of this shape's; false, having read nothing, if not. */
    boolean read(String name, JsonParser json) throws IOException {
        switch (name) {
            case "order_id" -> {
                orderId = JsonScalar.read(json);
                orderIdPresent = true;
            }
            case "ordered_at" -> orderedAt = JsonScalar.read(json);
            case "user_id" -> userId = JsonScalar.read(json);
            case "items" -> items = OrderItemsReader.read(json);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A record is an order when it has {@code order_id}, even a null one, and no {@code device_id}. */
    boolean isThisShape() {
        return orderIdPresent;
    }

    DecodeResult result() {
        FieldChecks check = new FieldChecks();
        String id = check.text(orderId, "order_id");
        Instant time = check.time(orderedAt, "ordered_at");
        String user = check.text(userId, "user_id");
        List<OrderItem> lines = lines(check);
        if (check.problem() != null) {
            return check.problem();
        }
        Order order = new Order(id, time, user, lines);
        if (AggregatedDecimal.of(order.units()) == null) {
            check.fail(OUT_OF_RANGE, FieldChecks.beyondTheLargest("units", Long.toString(order.units())));
            return check.problem();
        }
        return new DecodeResult.Decoded(order);
    }

    private List<OrderItem> lines(FieldChecks check) {
        if (items == null || items.token() == JsonToken.VALUE_NULL) {
            check.fail(MISSING_FIELD, "items is missing");
            return null;
        }
        if (items.problem() != null) {
            check.fail(items.problem());
            return null;
        }
        if (items.lines() == null) {
            check.fail(WRONG_TYPE, "items must be an array or a string, found " + JsonScalar.describe(items.token()));
        }
        return items.lines();
    }
}
