package io.msklambda.producer.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.msklambda.model.InvalidConfigException;
import io.msklambda.producer.RecordGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A validated {@code PAYLOAD_SPEC}: the JSON document that describes the records of {@code PAYLOAD=custom} (README.md,
 * "Custom payloads", is the language's reference). Parsing checks everything once, at init: the structure, every
 * generator's members, every pointer, and every Datafaker expression (each is resolved once). An error is an
 * {@link InvalidConfigException} naming {@code PAYLOAD_SPEC}, the spec location as a JSON Pointer, what was found and
 * what is allowed. Immutable and thread-safe; {@link #generator} makes a generator per environment.
 */
public final class PayloadSpec {

    private static final String TOPIC = "[a-zA-Z0-9._-]{1,249}";

    private final JsonNode tree;
    private final String name;
    private final Optional<Observe> observe;
    private final Map<String, String[]> seededPools;

    private PayloadSpec(JsonNode tree, String name, Optional<Observe> observe, Map<String, String[]> seededPools) {
        this.tree = tree;
        this.name = name;
        this.observe = observe;
        this.seededPools = seededPools;
    }

    /**
     * What a consumer aggregates from these records: JSON Pointers of the series, the value and the event time, and
     * the time's format ({@code iso}, {@code epoch-millis}, {@code epoch-seconds} or a pattern), the consumer's
     * {@code SERIES_FIELD}, {@code VALUE_FIELD}, {@code TIME_FIELD} and {@code TIME_FORMAT}.
     */
    public record Observe(String series, String value, String time, String timeFormat) {}

    /** Parses and validates a spec given as JSON text. */
    public static PayloadSpec parse(String json) {
        JsonNode tree;
        try {
            // a file saved by some editors starts with a byte order mark, which is no JSON
            tree = SpecTree.read(json.startsWith("\uFEFF") ? json.substring(1) : json);
        } catch (JsonProcessingException e) {
            throw SpecError.at(
                    "",
                    "text that is not JSON (" + e.getOriginalMessage() + " at line "
                            + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")",
                    "a JSON object, see README.md \"Custom payloads\"");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // cannot happen: the text is in memory
        }
        if (tree == null || !tree.isObject()) {
            throw SpecError.at("", String.valueOf(tree), "a JSON object, see README.md \"Custom payloads\"");
        }
        CompiledSpec compiled = SpecCompiler.compile(tree, new FakerSource(new SplittableRandom(0)), true, Map.of());
        SpecNode nameNode = new SpecNode(tree, "").required("name", "a Kafka topic name, the default TOPIC_NAME");
        String name = nameNode.asText("a Kafka topic name: 1 to 249 letters, digits, '.', '_' or '-'");
        if (!name.matches(TOPIC)) {
            throw SpecError.at(
                    nameNode.pointer(),
                    nameNode.node(),
                    "a Kafka topic name: 1 to 249 letters, digits, '.', '_' or '-'");
        }
        Optional<Observe> observe = ObserveParser.parse(new SpecNode(tree, "").get("observe"), compiled);
        return new PayloadSpec(tree, name, observe, compiled.seededPools());
    }

    /**
     * {@code PAYLOAD_SPEC} as Lambda gives it: inline JSON when its first non-blank character is <code>{</code>, else a
     * file path, absolute or relative to {@code LAMBDA_TASK_ROOT} (the deployment package) when that is set, else to
     * the working directory.
     */
    public static PayloadSpec load(String payloadSpecValue) {
        return load(payloadSpecValue, Optional.ofNullable(System.getenv("LAMBDA_TASK_ROOT")));
    }

    /** {@link #load(String)} with the task root given. */
    public static PayloadSpec load(String payloadSpecValue, Optional<String> taskRoot) {
        if (payloadSpecValue.strip().startsWith("{")) {
            return parse(payloadSpecValue);
        }
        Path path = Path.of(payloadSpecValue.strip());
        if (!path.isAbsolute() && taskRoot.isPresent()) {
            path = Path.of(taskRoot.get()).resolve(path);
        }
        try {
            return parse(Files.readString(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new InvalidConfigException(
                    SpecError.PAYLOAD_SPEC,
                    payloadSpecValue,
                    "inline JSON starting with '{', or the path of a spec file; there is no file "
                            + path.toAbsolutePath()
                            + ". Lambda caps all of a function's environment variables at 4 KB together"
                            + " (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html), so a larger"
                            + " spec goes in a file of the deployment package or of a layer (/opt/...)");
        } catch (IOException e) {
            throw new InvalidConfigException(
                    SpecError.PAYLOAD_SPEC,
                    payloadSpecValue,
                    "a readable spec file; reading " + path.toAbsolutePath() + " failed: " + e);
        }
    }

    /** The built-in spec of {@code PAYLOAD=orders} ({@code specs/orders.json}), items written as asked. */
    public static PayloadSpec orders(io.msklambda.model.ItemsFormat itemsFormat) {
        return BuiltInSpecs.orders(itemsFormat);
    }

    /** The built-in spec of {@code PAYLOAD=telemetry} ({@code specs/telemetry.json}) for devices 1..deviceCount. */
    public static PayloadSpec telemetry(int deviceCount) {
        return BuiltInSpecs.telemetry(deviceCount);
    }

    /** The spec's JSON tree. */
    JsonNode tree() {
        return tree;
    }

    /** The spec's {@code name}, the default {@code TOPIC_NAME}. */
    public String name() {
        return name;
    }

    /** What a consumer should aggregate from these records, when the spec says. */
    public Optional<Observe> observe() {
        return observe;
    }

    /** A generator of this spec's records for one environment, drawing from {@code random}. */
    public RecordGenerator generator(String topic, RandomGenerator random) {
        return new SpecRecordGenerator(topic, tree, seededPools, random);
    }

    /** Specs are equal when their JSON is (member order included: it is the output order). */
    @Override
    public boolean equals(Object other) {
        return other instanceof PayloadSpec spec && spec.tree.equals(tree);
    }

    @Override
    public int hashCode() {
        return tree.hashCode();
    }

    /** The spec as (compact) JSON. */
    @Override
    public String toString() {
        return tree.toString();
    }
}
