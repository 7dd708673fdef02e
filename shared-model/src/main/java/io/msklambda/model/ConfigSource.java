package io.msklambda.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Typed, validated reads of configuration variables (the process environment in Lambda, a map in tests).
 * A blank value counts as unset, because SAM passes an empty string for an optional parameter left empty.
 * Every failure is an {@link InvalidConfigException} naming the variable, the value and what is allowed.
 */
public final class ConfigSource {

    private final Map<String, String> values;

    public ConfigSource(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The process environment. */
    public static ConfigSource environment() {
        return new ConfigSource(System.getenv());
    }

    /** All variables, for settings that are discovered by prefix. */
    public Map<String, String> asMap() {
        return values;
    }

    public Optional<String> optional(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String required(String name, String allowed) {
        return optional(name).orElseThrow(() -> new InvalidConfigException(name, null, allowed));
    }

    public String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    /** A whole number in {@code [min, max]}. */
    public long number(String name, long defaultValue, long min, long max) {
        Optional<String> text = optional(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        String allowed = new NumberSetting(name, defaultValue, min, max).allowed();
        long value;
        try {
            value = Long.parseLong(text.get());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(name, text.get(), allowed);
        }
        if (value < min || value > max) {
            throw new InvalidConfigException(name, text.get(), allowed);
        }
        return value;
    }

    public int integer(String name, int defaultValue, int min, int max) {
        return (int) number(name, defaultValue, min, max);
    }

    /** One of an enum's constants, matched case-insensitively against their lower-case names. */
    public <E extends Enum<E>> E choice(String name, E defaultValue, Class<E> type) {
        Optional<String> text = optional(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text.get())) {
                return constant;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ", "one of ", ""));
        throw new InvalidConfigException(name, text.get(), allowed);
    }
}
