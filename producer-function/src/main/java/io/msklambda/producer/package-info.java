/**
 * The producer Lambda: {@link io.msklambda.producer.ProducerHandler}, invoked by a schedule, generates orders or
 * telemetry ({@link io.msklambda.producer.RecordGenerator}) and publishes them with an idempotent Kafka producer
 * ({@link io.msklambda.producer.KafkaProperties}: IAM, TLS or PLAINTEXT), configured by
 * {@link io.msklambda.producer.ProducerSettings}.
 *
 * <p>Its jar is what runs in Lambda: never the consumer, the local runtime or DynamoDB.
 *
 * <p>Must not import: {@code io.msklambda.consumer}, {@code io.msklambda.local},
 * {@code software.amazon.awssdk.services.dynamodb}.
 */
package io.msklambda.producer;
