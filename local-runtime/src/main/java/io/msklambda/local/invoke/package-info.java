/**
 * {@code invoke}, as {@code sam local invoke} without Docker: a function from the template, run once in a fresh
 * JVM with Lambda's flags, limits and log lines, with the services it names or embedded ones.
 *
 * <p>Must not import: {@code io.msklambda.local.cli}, {@code io.msklambda.local.up}, {@code io.msklambda.bench}.
 */
package io.msklambda.local.invoke;
