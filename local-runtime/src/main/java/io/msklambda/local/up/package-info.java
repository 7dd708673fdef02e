/**
 * {@code up}: the local stack kept running for {@code sam local invoke} and the user's own tools, with the client
 * files and environment they need.
 *
 * <p>Must not import: {@code io.msklambda.local.cli}, {@code io.msklambda.local.invoke},
 * {@code io.msklambda.bench}.
 */
package io.msklambda.local.up;
