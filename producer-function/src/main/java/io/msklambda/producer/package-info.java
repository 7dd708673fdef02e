/**
 * The producer Lambda: {@link io.msklambda.producer.ProducerHandler}, invoked by a schedule, generates orders,
 * telemetry or records described by a spec ({@link io.msklambda.producer.RecordGenerator}) and publishes them with an idempotent Kafka producer
 * ({@link io.msklambda.producer.KafkaProperties}: IAM, TLS or PLAINTEXT), configured by
 * {@link io.msklambda.producer.ProducerSettings}.
 *
 * <p>Public types a team may build on: {@link io.msklambda.producer.ProducerHandler} (its constructors, among them
 * one taking a {@link io.msklambda.producer.RecordGenerator.Factory}), {@link io.msklambda.producer.RecordGenerator},
 * {@link io.msklambda.producer.Shard}, {@link io.msklambda.producer.ProducerSettings},
 * {@link io.msklambda.producer.PayloadKind}, {@link io.msklambda.producer.ProduceReport}, and
 * {@link io.msklambda.producer.spec.PayloadSpec} for the spec language of {@code PAYLOAD=custom}. The other public
 * types ({@code AuthMode}, {@code GeneratorThread}, {@code IamRole}, {@code KafkaProperties}, {@code ProducerFactory},
 * {@code PublishFailedException}) serve the handler's test constructor and the local runtime; the rest is internal.
 *
 * <p>Its jar is what runs in Lambda: never the consumer, the local runtime or DynamoDB.
 *
 * <p>Must not import: {@code io.msklambda.consumer}, {@code io.msklambda.local},
 * {@code software.amazon.awssdk.services.dynamodb}.
 */
package io.msklambda.producer;
