package io.msklambda.producer.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;

/** A node of the spec with its JSON Pointer: typed reads that fail naming the location and what is allowed. */
record SpecNode(JsonNode node, String pointer) {

    /** Member {@code name}, possibly missing. */
    SpecNode get(String name) {
        JsonNode child = node.get(name);
        return new SpecNode(
                child == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : child,
                pointer + "/" + SpecError.token(name));
    }

    boolean isMissing() {
        return node.isMissingNode() || node.isNull();
    }

    /** This node as an object whose member names are all in {@code allowed}. */
    SpecNode object(String... allowed) {
        if (!node.isObject()) {
            throw SpecError.at(pointer, node, "an object with members " + String.join(", ", allowed));
        }
        List<String> names = List.of(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!names.contains(name)) {
                throw SpecError.at(
                        pointer + "/" + SpecError.token(name),
                        "an unknown member \"" + name + "\"",
                        "only " + String.join(", ", allowed));
            }
        }
        return this;
    }

    /** A required member. */
    SpecNode required(String name, String allowed) {
        SpecNode child = get(name);
        if (child.isMissing()) {
            throw SpecError.at(child.pointer, "nothing", "required: " + allowed);
        }
        return child;
    }

    long asLong(long min, long max) {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            throw SpecError.at(pointer, node, "a whole number from " + min + " to " + max);
        }
        return node.longValue();
    }

    int asInt(int min, int max) {
        return (int) asLong(min, max);
    }

    long longOr(String name, long fallback, long min, long max) {
        SpecNode child = get(name);
        return child.isMissing() ? fallback : child.asLong(min, max);
    }

    double asDouble() {
        if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw SpecError.at(pointer, node, "a finite number");
        }
        return node.doubleValue();
    }

    double asPositive() {
        double value = asDouble();
        if (value <= 0) {
            throw SpecError.at(pointer, node, "a number above 0");
        }
        return value;
    }

    String asText(String allowed) {
        if (!node.isTextual()) {
            throw SpecError.at(pointer, node, allowed);
        }
        return node.textValue();
    }
}
