package io.msklambda.local.pipeline;

import io.msklambda.producer.ProducerFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;

/**
 * How the pipeline's producer environments get their Kafka client: the function's own properties, plus the local
 * cluster's trust and credentials and the {@link Acknowledgements} hook; and what the clients did by themselves
 * (their sends retried after a leader change or a lost connection), read from their metrics.
 */
final class ProducerClients implements ProducerFactory {

    /** Kafka's producer metric: sends the client retried ({@code producer-metrics}). */
    private static final String RETRIES = "record-retry-total";

    private final Map<String, Object> localClient;
    private final Acknowledgements acknowledgements;
    private final List<Producer<byte[], byte[]>> created = new ArrayList<>();

    ProducerClients(Map<String, Object> localClient, Acknowledgements acknowledgements) {
        this.localClient = Map.copyOf(localClient);
        this.acknowledgements = acknowledgements;
    }

    @Override
    public Producer<byte[], byte[]> create(Map<String, Object> properties) {
        Map<String, Object> withLocal = new HashMap<>(properties);
        withLocal.putAll(localClient);
        withLocal.putAll(acknowledgements.producerProperties());
        Producer<byte[], byte[]> producer = ProducerFactory.KAFKA.create(withLocal);
        synchronized (created) {
            created.add(producer);
        }
        return producer;
    }

    /** Sends the clients retried by themselves so far, over every client created. */
    long retries() {
        synchronized (created) {
            return created.stream()
                    .flatMap(producer -> producer.metrics().entrySet().stream())
                    .filter(metric -> metric.getKey().name().equals(RETRIES)
                            && metric.getKey().group().equals("producer-metrics"))
                    .mapToLong(metric -> ((Number) metric.getValue().metricValue()).longValue())
                    .sum();
        }
    }
}
