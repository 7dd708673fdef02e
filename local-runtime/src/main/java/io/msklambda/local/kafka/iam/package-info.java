/**
 * The broker side of aws-msk-iam-auth: the AWS_MSK_IAM SASL mechanism, whose SigV4-signed payload is checked
 * against local principals and their made-up credentials.
 *
 * <p>Must not import: {@code io.msklambda.local.pipeline}, {@code io.msklambda.local.stack},
 * {@code io.msklambda.local.cli}, {@code io.msklambda.producer}, {@code io.msklambda.consumer}.
 */
package io.msklambda.local.kafka.iam;
