/**
 * MSK's IAM access control, emulated: IAM policies ({@link io.msklambda.local.kafka.authz.IamPolicy}) evaluated
 * for each Kafka request by the actions and resources the MSK developer guide lists, the brokers' authorizer, and the
 * log of what was refused or never needed.
 *
 * <p>Must not import: {@code io.msklambda.local.kafka.iam}, {@code io.msklambda.local.pipeline},
 * {@code io.msklambda.local.stack}, {@code io.msklambda.local.cli}, {@code io.msklambda.producer},
 * {@code io.msklambda.consumer}.
 */
package io.msklambda.local.kafka.authz;
