package io.msklambda.producer.spec;

import io.msklambda.model.InvalidConfigException;
import io.msklambda.model.PointerReader;
import java.util.Optional;

/**
 * Reads {@code /observe}: every pointer must name a field of the spec of the kind the consumer reads there (a series
 * with a text or whole-number value, a numeric value, a {@code $time} written in {@code timeFormat}), and the consumer's
 * own reader ({@link PointerReader}) must accept the pointers and the format.
 */
final class ObserveParser {

    private static final String FORMATS = "iso, epoch-millis, epoch-seconds or a DateTimeFormatter pattern";
    private static final String SERIES = "a field written as a string or a whole number: a $key, $choice, $uuid,"
            + " $faker, $pick, $int, $sequence, $time, $asString or a string or whole-number constant (or a $ref to"
            + " one)";
    private static final String VALUE =
            "a numeric field: an $int, $decimal, $walk, $sequence or numeric constant (or" + " a $ref to one)";

    private ObserveParser() {}

    static Optional<PayloadSpec.Observe> parse(SpecNode observe, CompiledSpec compiled) {
        if (observe.isMissing()) {
            return Optional.empty();
        }
        observe.object("series", "value", "time", "timeFormat");
        SpecNode seriesNode = observe.required("series", "the JSON Pointer of the series field");
        SpecNode valueNode = observe.required("value", "the JSON Pointer of the numeric field");
        SpecNode timeNode = observe.required("time", "the JSON Pointer of the event-time field");
        SpecNode formatNode = observe.get("timeFormat");
        String format = formatNode.isMissing() ? "iso" : formatNode.asText(FORMATS);
        Field series = field(seriesNode, compiled);
        Field value = field(valueNode, compiled);
        Field time = field(timeNode, compiled);
        readable(observe, new SpecNode[] {seriesNode, valueNode, timeNode, formatNode}, format);
        if (!isSeries(series)) {
            throw SpecError.at(seriesNode.pointer(), seriesNode.node(), SERIES);
        }
        if (!isNumeric(value)) {
            throw SpecError.at(valueNode.pointer(), valueNode.node(), VALUE);
        }
        if (!(time instanceof TimeField timeField) || !timeField.format.equals(format)) {
            throw SpecError.at(
                    timeNode.pointer(),
                    timeNode.node(),
                    "a $time field whose format is this timeFormat (" + format + ")"
                            + (time instanceof TimeField other ? "; it is " + other.format : ""));
        }
        return Optional.of(new PayloadSpec.Observe(
                seriesNode.node().textValue(),
                valueNode.node().textValue(),
                timeNode.node().textValue(),
                format));
    }

    /** The consumer's own reader must accept the pointers {series, value, time} and the format {@code nodes[3]}. */
    private static void readable(SpecNode observe, SpecNode[] nodes, String format) {
        try {
            new PointerReader(
                    nodes[0].node().textValue(),
                    nodes[1].node().textValue(),
                    nodes[2].node().textValue(),
                    format);
        } catch (InvalidConfigException e) {
            SpecNode at = switch (e.variable()) {
                case PointerReader.SERIES_FIELD -> nodes[0];
                case PointerReader.VALUE_FIELD -> nodes[1];
                case PointerReader.TIME_FIELD -> nodes[2];
                default -> nodes[3].isMissing() ? observe : nodes[3];
            };
            String allowed = at != nodes[3] && at != observe
                    ? "pointers the consumer can read together"
                    : FORMATS + " that the consumer reads";
            throw SpecError.at(at.pointer(), at.node(), allowed + " (" + e.getMessage() + ")");
        }
    }

    /** The field a pointer names, a {@code $ref} followed to its target. */
    private static Field field(SpecNode pointer, CompiledSpec compiled) {
        String text = pointer.asText("a JSON Pointer into /fields");
        Field field = compiled.fields().get(text);
        if (field == null) {
            throw SpecError.at(
                    pointer.pointer(),
                    pointer.node(),
                    "the JSON Pointer of a field of /fields (outside arrays and $asString): "
                            + compiled.fields().keySet());
        }
        while (field instanceof RefField ref) {
            field = ref.target();
        }
        return field;
    }

    private static boolean isSeries(Field field) {
        if (field instanceof ConstantField constant) {
            return constant.value().isTextual() || constant.value().isIntegralNumber();
        }
        return field instanceof KeyField
                || field instanceof ChoiceField
                || field instanceof UuidField
                || field instanceof FakerField
                || field instanceof PoolField
                || field instanceof IntField
                || field instanceof SequenceField
                || field instanceof TimeField
                || field instanceof AsStringField;
    }

    private static boolean isNumeric(Field field) {
        if (field instanceof ConstantField constant) {
            return constant.value().isNumber();
        }
        return field instanceof IntField
                || field instanceof DecimalField
                || field instanceof WalkField
                || field instanceof SequenceField;
    }
}
