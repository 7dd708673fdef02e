package io.msklambda.local.sam;

import static io.msklambda.local.sam.TemplateYaml.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * A resource's resolved properties read as the types AWS takes. Absent and unresolvable values read as null; a value
 * of the wrong type or out of range fails naming the property's path, the value and what is allowed.
 */
final class PropertyReader {

    private final Map<String, Object> properties;
    private final String path;

    /** @param path where the properties sit in the template, e.g. {@code Resources.Rule.Properties} */
    PropertyReader(Object properties, String path) {
        this.properties = map(properties);
        this.path = path;
    }

    /** The properties of a nested object, e.g. a {@code RetryPolicy}; empty when absent. */
    PropertyReader child(String name) {
        return new PropertyReader(properties.get(name), path + "." + name);
    }

    /** The objects of a list property, e.g. each of a rule's {@code Targets}. */
    List<PropertyReader> children(String name) {
        List<PropertyReader> children = new ArrayList<>();
        Object value = properties.get(name);
        if (value != null && !(value instanceof List<?>)) {
            throw invalid(name, value, "a list");
        }
        List<?> items = value == null ? List.of() : (List<?>) value;
        for (int i = 0; i < items.size(); i++) {
            children.add(new PropertyReader(items.get(i), path + "." + name + "[" + i + "]"));
        }
        return children;
    }

    /** Whether the template sets the property (to a value that may not resolve locally). */
    boolean has(String name) {
        return properties.containsKey(name);
    }

    Object value(String name) {
        return properties.get(name);
    }

    Set<String> names() {
        return properties.keySet();
    }

    /** @throws IllegalArgumentException naming the first property that is not one of {@code allowed} */
    void allowOnly(Set<String> allowed, String what) {
        for (String name : properties.keySet()) {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(path + "." + name + " is not a property of " + what + "; it takes "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    String text(String name) {
        Object value = properties.get(name);
        if (value == null || isScalar(value)) {
            return value == null ? null : String.valueOf(value);
        }
        throw invalid(name, value, "text");
    }

    /** A property that must be set, though it may be unresolvable locally (then null). */
    String requiredText(String name, String what) {
        if (!has(name)) {
            throw new IllegalArgumentException(path + "." + name + " is missing: " + what + " requires it");
        }
        return text(name);
    }

    Integer integer(String name, int min, int max) {
        return integer(name, v -> v >= min && v <= max, min + " to " + max);
    }

    Integer integer(String name, IntPredicate valid, String allowed) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(text);
            if (valid.test(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with what is allowed
        }
        throw invalid(name, text, "a whole number, " + allowed);
    }

    /** CloudFormation takes a boolean as true/false or as the strings "true"/"false". */
    Boolean bool(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw invalid(name, text, "true or false");
        }
        return Boolean.valueOf(text);
    }

    /** A list of text values, or null when not set; an unresolvable element stays null. */
    List<String> texts(String name) {
        Object value = properties.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> items)) {
            throw invalid(name, value, "a list");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item != null && !isScalar(item)) {
                throw invalid(name + "[" + i + "]", item, "text");
            }
            texts.add(item == null ? null : String.valueOf(item));
        }
        return texts;
    }

    IllegalArgumentException invalid(String name, Object value, String allowed) {
        return new IllegalArgumentException(path + "." + name + " is " + value + "; allowed: " + allowed);
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }
}
