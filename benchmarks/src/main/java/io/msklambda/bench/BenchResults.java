package io.msklambda.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Appends one JSON line per benchmark run to a results file, with the machine it ran on, so that runs can be
 * compared and charted later.
 */
public final class BenchResults {

    private final Path file;

    public BenchResults(Path file) {
        this.file = file;
    }

    /** Appends {@code {"benchmark":…,"time":…,"cores":…,"java":…, figures…}}. */
    public void append(String benchmark, Map<String, ?> figures) {
        StringWriter line = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("benchmark", benchmark);
            json.writeStringField("time", Instant.now().toString());
            json.writeNumberField("cores", Runtime.getRuntime().availableProcessors());
            json.writeStringField("java", System.getProperty("java.version"));
            for (Map.Entry<String, ?> figure : figures.entrySet()) {
                json.writeFieldName(figure.getKey());
                if (figure.getValue() instanceof Number n) {
                    json.writeNumber(n.doubleValue());
                } else {
                    json.writeString(String.valueOf(figure.getValue()));
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(
                    file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** The median of some measurements. */
    public static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
