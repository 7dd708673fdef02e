package io.msklambda.local.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Picks each setting of a run from the first place that has it (a flag, else the template with its
 * {@code --parameter-overrides} and {@code --env-vars}, else the built-in default) and remembers where it came from,
 * for the run's header.
 */
final class SettingSources {

    /** One setting as chosen. */
    record Choice(String name, Object value, String source) {}

    static final String FLAGS = "flags";
    static final String DEFAULTS = "defaults";
    /** The header's lines are cut before this width. */
    private static final int WIDTH = 116;

    private final String template;
    private final Map<String, Choice> choices = new LinkedHashMap<>();

    /** @param template what the template's values are called in the header: its file name */
    SettingSources(String template) {
        this.template = template;
    }

    /**
     * @param flag     the flag's value; null when not given
     * @param template the template's value, looked up only when the flag is absent; null when the template has none
     * @param fallback the built-in default
     */
    <T> T pick(String name, T flag, Supplier<T> template, T fallback) {
        if (flag != null) {
            return chose(name, flag, FLAGS);
        }
        T fromTemplate = template.get();
        if (fromTemplate != null) {
            return chose(name, fromTemplate, this.template);
        }
        return chose(name, fallback, DEFAULTS);
    }

    <T> T chose(String name, T value, String source) {
        choices.put(name, new Choice(name, value, source));
        return value;
    }

    /** One line a setting, {@code "  BatchSize = 100  [template.yaml]"}: the dry run's table. */
    List<String> table() {
        int width = choices.keySet().stream().mapToInt(String::length).max().orElse(0);
        return choices.values().stream()
                .map(choice -> String.format(
                        java.util.Locale.ROOT,
                        "  %-" + width + "s = %s  [%s]",
                        choice.name(),
                        format(choice.value()),
                        choice.source()))
                .toList();
    }

    /** Where an earlier choice came from. */
    String sourceOf(String name) {
        return choices.get(name).source();
    }

    /** A value as the options take it: {@code 500ms}, {@code telemetry}, {@code none}. */
    static String format(Object value) {
        if (value == null || value instanceof List<?> list && list.isEmpty()) {
            return "none";
        }
        if (value instanceof Duration duration) {
            return duration.toMillisPart() != 0 || duration.isZero()
                    ? duration.toMillis() + "ms"
                    : duration.toSeconds() % 60 != 0 ? duration.toSeconds() + "s" : duration.toMinutes() + "m";
        }
        if (value instanceof Enum<?> constant) {
            // the mapping's values are AWS's upper-case words; the functions' variables take lower case
            return constant instanceof io.msklambda.local.trigger.StartingPosition
                    ? constant.name()
                    : constant.name().toLowerCase(java.util.Locale.ROOT);
        }
        return String.valueOf(value);
    }

    /**
     * The header's lines: the settings grouped by where they came from, e.g.
     * {@code "  template.yaml: BatchSize 100, MaximumBatchingWindowInSeconds 1, ..."}.
     */
    List<String> lines() {
        Map<String, List<String>> bySource = new LinkedHashMap<>();
        for (Choice choice : choices.values()) {
            bySource.computeIfAbsent(choice.source(), key -> new ArrayList<>())
                    .add(choice.name() + " " + format(choice.value()));
        }
        List<String> lines = new ArrayList<>();
        bySource.forEach((source, settings) -> {
            StringBuilder line = new StringBuilder("  " + source + ":");
            for (String setting : settings) {
                if (line.length() + setting.length() > WIDTH) {
                    lines.add(line.append(',').toString());
                    line = new StringBuilder("   ");
                } else if (line.charAt(line.length() - 1) != ':') {
                    line.append(',');
                }
                line.append(' ').append(setting);
            }
            lines.add(line.toString());
        });
        return lines;
    }
}
