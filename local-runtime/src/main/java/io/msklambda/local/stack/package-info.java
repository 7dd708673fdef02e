/**
 * One local stack: the Kafka cluster for the chosen authentication, DynamoDB with the template's tables, the
 * clients' properties and the endpoints a run names, started once and closed in reverse order.
 *
 * <p>Must not import: {@code io.msklambda.local.cli}, {@code io.msklambda.local.invoke}, {@code io.msklambda.local.up},
 * {@code io.msklambda.bench}, {@code io.msklambda.local.pipeline}: the commands compose the stack, never the other way
 * round.
 */
package io.msklambda.local.stack;
