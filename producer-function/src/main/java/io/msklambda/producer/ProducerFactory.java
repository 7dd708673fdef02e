package io.msklambda.producer;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/** Creates the environment's one Kafka producer from its properties. */
@FunctionalInterface
public interface ProducerFactory {

    ProducerFactory KAFKA = KafkaProducer::new;

    Producer<byte[], byte[]> create(Map<String, Object> properties);
}
