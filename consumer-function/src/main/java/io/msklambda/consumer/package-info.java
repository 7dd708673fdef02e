/**
 * The consumer Lambda. What others build on is public: {@link io.msklambda.consumer.ConsumerHandler} (with its
 * {@link io.msklambda.consumer.ConsumerSettings}, {@link io.msklambda.consumer.ConsumeReport} and
 * {@link io.msklambda.consumer.DynamoDbClients}; its constructors that take a team's
 * {@link io.msklambda.model.RecordObserver}, the shared model's record-to-observation function, are how a team
 * aggregates records of its own), {@link io.msklambda.consumer.WindowStats}, and the two tables it
 * writes, each described once, in {@link io.msklambda.consumer.AggregatesTable} and
 * {@link io.msklambda.consumer.RejectsTable}, for the consumer, the local runtime and the tests alike. Decoding,
 * grouping and the stores are package-private.
 *
 * <p>It depends on the shared model, the AWS SDK's DynamoDB client, the Lambda runtime's types and SLF4J: never on the
 * local runtime, the producer or test code, so that its jar is what runs in Lambda.
 *
 * <p>Must not import: {@code io.msklambda.local}, {@code io.msklambda.producer}, {@code org.apache.kafka}.
 */
package io.msklambda.consumer;
