/**
 * The spec language of {@code PAYLOAD=custom}: {@link io.msklambda.producer.spec.PayloadSpec} reads and validates a
 * JSON document describing one record ({@code PAYLOAD_SPEC}), and compiles it into a
 * {@link io.msklambda.producer.RecordGenerator} made of one small writer object per field. README.md ("Custom
 * payloads") is the language's reference. Everything but {@code PayloadSpec} is package-private.
 *
 * <p>Must not import: {@code io.msklambda.consumer}, {@code io.msklambda.local},
 * {@code software.amazon.awssdk.services.dynamodb}.
 */
package io.msklambda.producer.spec;
