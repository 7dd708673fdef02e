package io.msklambda.producer.spec;

import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Reads {@code /observe}: every pointer must name a field of the spec, the time format must be one the consumer reads. */
final class ObserveParser {

    private static final String FORMATS = "iso, epoch-millis, epoch-seconds or a DateTimeFormatter pattern";

    private ObserveParser() {}

    static Optional<PayloadSpec.Observe> parse(SpecNode observe, CompiledSpec compiled) {
        if (observe.isMissing()) {
            return Optional.empty();
        }
        observe.object("series", "value", "time", "timeFormat");
        String series = field(observe.required("series", "the JSON Pointer of the series field"), compiled);
        String value = field(observe.required("value", "the JSON Pointer of the numeric field"), compiled);
        String time = field(observe.required("time", "the JSON Pointer of the event-time field"), compiled);
        SpecNode formatNode = observe.get("timeFormat");
        String format = formatNode.isMissing() ? "iso" : formatNode.asText(FORMATS);
        if (!format.equals("iso") && !format.equals("epoch-millis") && !format.equals("epoch-seconds")) {
            try {
                DateTimeFormatter.ofPattern(format);
            } catch (IllegalArgumentException e) {
                throw SpecError.at(formatNode.pointer(), formatNode.node(), FORMATS + " (" + e.getMessage() + ")");
            }
        }
        return Optional.of(new PayloadSpec.Observe(series, value, time, format));
    }

    private static String field(SpecNode pointer, CompiledSpec compiled) {
        String text = pointer.asText("a JSON Pointer into /fields");
        if (!compiled.pointers().contains(text)) {
            throw SpecError.at(
                    pointer.pointer(),
                    pointer.node(),
                    "the JSON Pointer of a field of /fields (outside arrays and $asString): " + compiled.pointers());
        }
        return text;
    }
}
