package io.msklambda.producer;

import io.msklambda.model.InvalidConfigException;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;

/** Creates the environment's one Kafka producer from its properties. */
@FunctionalInterface
public interface ProducerFactory {

    /**
     * A {@link KafkaProducer}. The client refuses to start when no name in {@code bootstrap.servers} resolves, in
     * words that name neither the variable nor the names: that is told as the init error of
     * {@value ProducerSettings#BOOTSTRAP_SERVERS}.
     */
    ProducerFactory KAFKA = properties -> {
        try {
            return new KafkaProducer<>(properties);
        } catch (KafkaException e) {
            if (e.getCause() instanceof ConfigException bad
                    && bad.getMessage() != null
                    && bad.getMessage().contains(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
                throw new InvalidConfigException(
                        ProducerSettings.BOOTSTRAP_SERVERS,
                        String.valueOf(properties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)),
                        "host names this environment resolves (" + bad.getMessage() + "; in Lambda, the function's VPC "
                                + "must resolve the brokers' names)");
            }
            throw e;
        }
    };

    Producer<byte[], byte[]> create(Map<String, Object> properties);
}
