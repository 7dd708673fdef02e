package io.msklambda.local.cli;

import io.msklambda.consumer.ConsumerSettings;
import io.msklambda.local.sam.SamTemplate;
import io.msklambda.model.InvalidConfigException;
import io.msklambda.producer.ProducerSettings;
import io.msklambda.producer.spec.PayloadSpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run's custom payload ({@code PAYLOAD=custom}): its spec, from {@code --payload-spec} or else the template's
 * {@code PAYLOAD_SPEC}, read and checked before anything starts as the producer's init reads it, and what it gives
 * each function. The producer gets the spec and its task root, where a relative {@code PAYLOAD_SPEC} is read from as
 * it is from {@code /var/task} when deployed. The consumer gets the pointers of the spec's {@code observe} block when
 * the spec comes from the flag (a flag wins over the template), else keeps the template's {@code SERIES_FIELD},
 * {@code VALUE_FIELD}, {@code TIME_FIELD} and {@code TIME_FORMAT}. A run whose consumer would have no pointers is
 * refused: it would take every record for an unknown shape and reject it.
 *
 * @param spec      the spec as read
 * @param value     {@code PAYLOAD_SPEC} as the producer gets it: the flag's file as an absolute path, or the
 *                  template's value
 * @param source    where the spec came from, for the run's header
 * @param consumer  the variables the run gives the consumer over the template's
 * @param taskRoot  the producer's task root
 */
record CustomPayload(PayloadSpec spec, String value, String source, Map<String, String> consumer, Path taskRoot) {

    private static final String PAYLOAD_SPEC = ProducerSettings.PAYLOAD_SPEC;
    private static final List<String> POINTERS =
            List.of(ConsumerSettings.SERIES_FIELD, ConsumerSettings.VALUE_FIELD, ConsumerSettings.TIME_FIELD);

    CustomPayload {
        consumer = Map.copyOf(consumer);
    }

    /**
     * @param flag     {@code --payload-spec}, or null
     * @param template the template's settings
     * @throws IllegalArgumentException naming the option or the template value, what was found and what is allowed
     */
    static CustomPayload of(Path flag, TemplateSettings template) {
        SamTemplate.Function producer = template.present() ? template.producer() : null;
        Path taskRoot = producer != null
                ? producer.code().taskRoot().toAbsolutePath()
                : Path.of("").toAbsolutePath();
        String value = flag != null ? flag.toAbsolutePath().toString() : template.producerVariable(PAYLOAD_SPEC);
        String source = flag != null ? SettingSources.FLAGS : template.name();
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("PAYLOAD custom needs the spec of its records: give --payload-spec FILE "
                    + "(or set " + PAYLOAD_SPEC + ", the template's PayloadSpec); see README \"Custom payloads\"");
        }
        PayloadSpec spec;
        try {
            spec = PayloadSpec.load(value, Optional.of(taskRoot.toString()));
        } catch (InvalidConfigException e) {
            throw new IllegalArgumentException(
                    (flag != null ? "--payload-spec " + flag : template.name() + " " + PAYLOAD_SPEC) + ": "
                            + e.getMessage(),
                    e);
        }
        Map<String, String> consumer = flag != null ? observed(spec) : Map.of();
        requirePointers(spec, consumer, template, source);
        return new CustomPayload(spec, value, source, consumer, taskRoot);
    }

    /** The producer's variables over the template's: the spec, and where a relative one is read from. */
    Map<String, String> producer() {
        return Map.of(PAYLOAD_SPEC, value, ProducerSettings.LAMBDA_TASK_ROOT, taskRoot.toString());
    }

    /** The consumer's pointers from the spec's {@code observe} block; none without one. */
    private static Map<String, String> observed(PayloadSpec spec) {
        Map<String, String> variables = new HashMap<>();
        spec.observe().ifPresent(observe -> {
            variables.put(ConsumerSettings.SERIES_FIELD, observe.series());
            variables.put(ConsumerSettings.VALUE_FIELD, observe.value());
            variables.put(ConsumerSettings.TIME_FIELD, observe.time());
            if (observe.timeFormat() != null) {
                variables.put(ConsumerSettings.TIME_FORMAT, observe.timeFormat());
            }
        });
        return variables;
    }

    private static void requirePointers(
            PayloadSpec spec, Map<String, String> consumer, TemplateSettings template, String source) {
        Map<String, String> fromTemplate =
                template.present() ? template.consumer().environment() : Map.of();
        boolean set = POINTERS.stream()
                .allMatch(pointer -> consumer.containsKey(pointer)
                        || (fromTemplate.get(pointer) != null
                                && !fromTemplate.get(pointer).isBlank()));
        if (!set) {
            throw new IllegalArgumentException("PAYLOAD_SPEC " + spec.name() + " [" + source + "]: the consumer has no "
                    + String.join(", ", POINTERS) + " for these records, so it would reject every one as an unknown "
                    + "shape; add an observe block to the spec, or set them (the template's SeriesField, ValueField, "
                    + "TimeField)");
        }
    }
}
