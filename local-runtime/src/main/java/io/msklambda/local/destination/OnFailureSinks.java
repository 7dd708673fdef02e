package io.msklambda.local.destination;

import io.msklambda.local.trigger.Destination;
import io.msklambda.local.trigger.InvocationRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Opens the sink for a mapping's on-failure destination: the one call that wires {@code DestinationConfig.OnFailure}. */
public final class OnFailureSinks {

    private OnFailureSinks() {}

    /**
     * What the sinks need, each taking its part.
     *
     * @param invocationRecord        writes what every sink sends (the function's ARN, the cluster's)
     * @param bootstrapServers        the source cluster's: a {@code kafka://} destination is a topic on it
     * @param kafkaClientProperties   the security settings (TLS, SASL) of the client that writes the failures there,
     *                                as {@code LocalStack.clientProperties(TRIGGER)} gives them
     * @param kafkaAdminProperties    those of the client that creates the topic and reads it back
     * @param sqsEndpoint             an SQS-compatible endpoint that has the queue already; empty: an
     *                                {@link EmbeddedSqs} of the sink's own, with the queue created
     * @param directory               where an S3 bucket's objects or an SNS topic's messages go as files
     * @param mappingId               the event source mapping's UUID or name, in the S3 object keys
     */
    public record Settings(
            InvocationRecord invocationRecord,
            String bootstrapServers,
            Map<String, Object> kafkaClientProperties,
            Map<String, Object> kafkaAdminProperties,
            Optional<URI> sqsEndpoint,
            Path directory,
            String mappingId) {

        /** One client for both. */
        public Settings(
                InvocationRecord invocationRecord,
                String bootstrapServers,
                Map<String, Object> kafkaClientProperties,
                Optional<URI> sqsEndpoint,
                Path directory,
                String mappingId) {
            this(
                    invocationRecord,
                    bootstrapServers,
                    kafkaClientProperties,
                    kafkaClientProperties,
                    sqsEndpoint,
                    directory,
                    mappingId);
        }

        public Settings {
            Objects.requireNonNull(invocationRecord, "invocationRecord");
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            kafkaClientProperties = Map.copyOf(kafkaClientProperties);
            kafkaAdminProperties = Map.copyOf(kafkaAdminProperties);
            Objects.requireNonNull(sqsEndpoint, "sqsEndpoint");
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(mappingId, "mappingId");
        }
    }

    /**
     * The sink for {@code destination}, started and ready to send; the caller closes it, which also stops what it
     * started.
     * <ul>
     *   <li>{@code kafka://<topic>}: a {@link KafkaTopicSink} on the source cluster (the topic created if missing);</li>
     *   <li>an SQS queue's ARN: an {@link SqsSink} on {@link Settings#sqsEndpoint()}, or on an {@link EmbeddedSqs} of
     *       its own with the queue;</li>
     *   <li>an SNS topic's or an S3 bucket's ARN: a {@link FileSink} under {@link Settings#directory()}.</li>
     * </ul>
     *
     * @throws IllegalArgumentException if the destination's name is not valid for its kind
     * @throws IllegalStateException    if the destination cannot be reached or made (an SQS endpoint's failure is
     *                                  the SDK's {@code SdkException}; a directory's, an {@code UncheckedIOException})
     */
    public static ReadableSink open(Destination destination, Settings settings) {
        return switch (destination.kind()) {
            case KAFKA ->
                new KafkaTopicSink(
                        destination,
                        settings.bootstrapServers(),
                        settings.kafkaClientProperties(),
                        settings.kafkaAdminProperties(),
                        settings.invocationRecord());
            case SQS ->
                settings.sqsEndpoint()
                        .map(endpoint -> SqsSink.connect(destination, endpoint, settings.invocationRecord()))
                        .orElseGet(() -> SqsSink.embedded(destination, settings.invocationRecord()));
            case SNS, S3 -> {
                try {
                    yield new FileSink(
                            destination, settings.directory(), settings.mappingId(), settings.invocationRecord());
                } catch (IOException e) {
                    throw new UncheckedIOException(
                            "cannot write the " + destination.kind() + " destination " + destination.name() + " under "
                                    + settings.directory() + ": " + e.getMessage(),
                            e);
                }
            }
        };
    }
}
