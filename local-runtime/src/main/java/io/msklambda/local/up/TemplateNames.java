package io.msklambda.local.up;

import io.msklambda.consumer.ConsumerSettings;
import io.msklambda.local.sam.SamTemplate;
import io.msklambda.producer.ProducerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The topic and the tables as the functions see them when {@code sam local invoke} runs them from the template: the
 * producer's {@code TOPIC_NAME} (the {@code TopicName} parameter) and the consumer's {@code AGGREGATES_TABLE} and
 * {@code REJECTS_TABLE}, which are {@code Ref}s to the table resources and so, locally, the resources' logical ids.
 *
 * @param topic           the topic the producer writes and the MSK trigger reads
 * @param aggregatesTable the consumer's aggregates table
 * @param rejectsTable    the consumer's rejects table
 */
public record TemplateNames(String topic, String aggregatesTable, String rejectsTable) {

    /**
     * Reads them from {@code template}, its parameters overridden by {@code overrides}.
     *
     * @throws IllegalArgumentException if there is no template there, or no function of it sets one of the variables
     */
    public static TemplateNames of(Path template, Map<String, String> overrides) {
        if (!Files.isRegularFile(template)) {
            throw new IllegalArgumentException("no template at " + template.toAbsolutePath());
        }
        SamTemplate sam = SamTemplate.read(template);
        return new TemplateNames(
                variable(sam, overrides, ProducerSettings.TOPIC_NAME, template),
                variable(sam, overrides, ConsumerSettings.AGGREGATES_TABLE, template),
                variable(sam, overrides, ConsumerSettings.REJECTS_TABLE, template));
    }

    /** The variable's value in the first function that sets it. */
    private static String variable(SamTemplate sam, Map<String, String> overrides, String name, Path template) {
        return sam.functionIds().stream()
                .map(id -> sam.function(id, overrides).environment().get(name))
                .filter(value -> value != null && !value.isBlank())
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException(template + ": no function sets " + name + " in its Environment"));
    }
}
