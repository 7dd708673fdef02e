package io.msklambda.producer.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msklambda.model.ItemsFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The built-in specs, {@code specs/orders.json} and {@code specs/telemetry.json} on the class path: the definitions
 * of {@code PAYLOAD=orders} and {@code PAYLOAD=telemetry}, with their two settings applied before validation
 * ({@code "${DEVICE_COUNT}"} is replaced by the number; {@code ORDER_ITEMS_FORMAT=string} wraps {@code items} in
 * {@code $asString}).
 */
final class BuiltInSpecs {

    private BuiltInSpecs() {}

    static PayloadSpec orders(ItemsFormat itemsFormat) {
        String text = resource("orders.json");
        if (itemsFormat == ItemsFormat.STRING) {
            try {
                ObjectNode tree = (ObjectNode) SpecTree.read(text);
                ObjectNode fields = (ObjectNode) tree.get("fields");
                ObjectNode asString = SpecTree.NODES.objectNode();
                asString.set("$asString", fields.get("items"));
                fields.set("items", asString);
                text = tree.toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return PayloadSpec.parse(text);
    }

    static PayloadSpec telemetry(int deviceCount) {
        return PayloadSpec.parse(
                resource("telemetry.json").replace("\"${DEVICE_COUNT}\"", Integer.toString(deviceCount)));
    }

    private static String resource(String name) {
        try (InputStream in = BuiltInSpecs.class.getResourceAsStream("/specs/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the built-in spec specs/" + name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
