package io.msklambda.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An SVG chart of a results file: for each benchmark, our figure beside its baseline's, from the latest line of
 * each. Each panel has its own scale; its title says whether more or less is better.
 */
public final class BenchChart {

    private static final int WIDTH = 760;
    private static final int LABEL_WIDTH = 300;
    private static final int BAR_HEIGHT = 18;
    private static final int GAP = 6;
    private static final String OURS = "#2b6cb0";
    private static final String BASELINE = "#a0aec0";

    private record Bar(String label, double value, String unit, boolean ours) {}

    private record Panel(String title, List<Bar> bars) {}

    private BenchChart() {}

    /** Writes the chart of {@code results} to {@code svg}; returns how many bars it drew. */
    public static int write(Path results, Path svg) {
        Map<String, JsonNode> latest = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        try {
            for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    JsonNode node = json.readTree(line);
                    latest.put(key(node), node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + results, e);
        }
        List<Panel> panels = panels(latest.values());
        try {
            Files.createDirectories(svg.toAbsolutePath().getParent());
            Files.writeString(svg, render(panels), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + svg, e);
        }
        return panels.stream().mapToInt(p -> p.bars().size()).sum();
    }

    private static String key(JsonNode node) {
        StringBuilder key = new StringBuilder(node.path("benchmark").asText());
        for (String field : List.of("producer", "compression", "payload", "consumer", "probe", "appCds", "authMode")) {
            key.append('|').append(node.path(field).asText());
        }
        return key.toString();
    }

    // a table, one entry per panel in the chart's order: it reads best whole
    private static List<Panel> panels(java.util.Collection<JsonNode> lines) {
        List<Panel> panels = new ArrayList<>();
        List<Bar> producer = new ArrayList<>();
        for (String compression : List.of("none", "lz4")) {
            add(
                    producer,
                    lines,
                    n -> n.path("benchmark").asText().equals("producer")
                            && n.path("compression").asText().equals(compression),
                    n -> n.path("producer").asText() + ", " + compression,
                    "recordsPerSecond",
                    "records/s",
                    n -> !n.path("producer").asText().equals("ProducerPerformance"));
        }
        panels.add(new Panel(
                "Producer into the embedded broker vs Kafka's ProducerPerformance (more is better)", producer));
        List<Bar> consumer = new ArrayList<>();
        add(
                consumer,
                lines,
                n -> n.path("benchmark").asText().equals("consumer"),
                n -> n.path("consumer").asText(),
                "recordsPerSecond",
                "records/s",
                n -> !n.path("consumer").asText().startsWith("naive"));
        panels.add(new Panel(
                "Consumer records/s: no I/O, and into DynamoDB Local vs a naive consumer (more is better)", consumer));
        List<Bar> coldStart = new ArrayList<>();
        add(
                coldStart,
                lines,
                n -> n.path("benchmark").asText().equals("coldstart"),
                n -> n.path("probe").asText() + (n.path("appCds").asBoolean() ? ", AppCDS" : ""),
                "medianMillis",
                "ms",
                n -> !n.path("probe").asText().equals("bare"));
        panels.add(new Panel("Cold start from process start, median (less is better)", coldStart));
        List<Bar> connect = new ArrayList<>();
        add(
                connect,
                lines,
                n -> n.path("benchmark").asText().equals("connect"),
                n -> "AUTH_MODE=" + n.path("authMode").asText(),
                "medianMillis",
                "ms",
                n -> n.path("authMode").asText().equals("iam"));
        panels.add(new Panel("First connect: new producer to first acknowledgement, median (less is better)", connect));
        panels.removeIf(p -> p.bars().isEmpty());
        return panels;
    }

    private static void add(
            List<Bar> bars,
            java.util.Collection<JsonNode> lines,
            Predicate<JsonNode> which,
            java.util.function.Function<JsonNode, String> label,
            String field,
            String unit,
            Predicate<JsonNode> ours) {
        lines.stream()
                .filter(which)
                .forEach(n -> bars.add(new Bar(label.apply(n), n.path(field).asDouble(), unit, ours.test(n))));
    }

    private static String render(List<Panel> panels) {
        StringBuilder svg = new StringBuilder();
        int y = 30;
        StringBuilder body = new StringBuilder();
        for (Panel panel : panels) {
            body.append(text(10, y, panel.title(), "bold"));
            y += 10;
            double max = panel.bars().stream().mapToDouble(Bar::value).max().orElse(1);
            for (Bar bar : panel.bars()) {
                int length = (int) Math.round((WIDTH - LABEL_WIDTH - 130) * bar.value() / max);
                body.append(text(10, y + 13, bar.label(), "normal"));
                body.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                        LABEL_WIDTH,
                        y,
                        Math.max(length, 1),
                        BAR_HEIGHT,
                        bar.ours() ? OURS : BASELINE));
                body.append(text(
                        LABEL_WIDTH + length + 6,
                        y + 13,
                        String.format(
                                Locale.ROOT, bar.value() >= 100 ? "%,.0f %s" : "%,.1f %s", bar.value(), bar.unit()),
                        "normal"));
                y += BAR_HEIGHT + GAP;
            }
            y += 30;
        }
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                        + "font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH,
                y));
        svg.append(String.format("<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"));
        svg.append(body);
        svg.append(text(10, y - 12, "blue: msk-lambda-functions; grey: the baseline", "normal"));
        return svg.append("</svg>\n").toString();
    }

    private static String text(int x, int y, String content, String weight) {
        String escaped = content.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return String.format(
                Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"%s\">%s</text>%n", x, y, weight, escaped);
    }
}
