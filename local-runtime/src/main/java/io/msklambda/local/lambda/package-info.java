/**
 * What Lambda gives a handler, made locally: the {@link com.amazonaws.services.lambda.runtime.Context}
 * ({@link io.msklambda.local.lambda.LocalContext}), events serialized as the Java runtime does, and where a
 * function's output goes. The base of the local runtime: it depends on no other part of it.
 *
 * <p>Must not import: {@code io.msklambda.local}, {@code io.msklambda.producer}, {@code io.msklambda.consumer}.
 */
package io.msklambda.local.lambda;
