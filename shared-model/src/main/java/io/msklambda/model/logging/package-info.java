/**
 * The functions' log context: the request id on every log line, in the invocation's thread (SLF4J's MDC) and in
 * the threads of the libraries it calls (a Log4j context data provider), for Lambda's JSON log format.
 *
 * <p>Must not import: {@code io.msklambda.producer}, {@code io.msklambda.consumer}, {@code io.msklambda.local}.
 */
package io.msklambda.model.logging;
