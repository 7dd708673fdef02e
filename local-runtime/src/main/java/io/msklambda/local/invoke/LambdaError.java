package io.msklambda.local.invoke;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lambda's error response, {@code {"errorMessage", "errorType", "stackTrace"}}, as the Java runtime sends it for an
 * init or handler error and as Lambda itself sends it for a timeout or an oversized response.
 *
 * @param stackTrace the frames, empty for the errors Lambda raises itself (they have none)
 */
record LambdaError(String errorMessage, String errorType, List<String> stackTrace) {

    /**
     * The request and the response of a synchronous invocation may be 6 MB each
     * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). The Invoke API refuses a larger
     * request with RequestEntityTooLargeException; the runtime interface refuses a larger response at 6 MB plus
     * 100 bytes of envelope, as its error message says.
     */
    static final int MAX_REQUEST_BYTES = 6 * 1024 * 1024;

    static final int MAX_RESPONSE_BYTES = MAX_REQUEST_BYTES + 100;

    /** What the handler threw, as the Java runtime reports it. */
    static LambdaError of(Throwable error) {
        return new LambdaError(
                String.valueOf(error.getMessage()), error.getClass().getName(), frames(error));
    }

    /**
     * The handler's class could not be loaded or its constructor threw: the Java runtime's init error names the class
     * and gives the cause's type and frames (aws-lambda-java-runtime-interface-client, UserFault).
     */
    static LambdaError ofInit(Throwable cause, String handlerClass) {
        List<String> frames = new ArrayList<>();
        for (StackTraceElement frame : cause.getStackTrace()) {
            if (frame.getClassName().startsWith("jdk.internal.reflect.")
                    || frame.getClassName().startsWith("java.lang.reflect.")) {
                break; // the frames of the runtime that called the constructor, which the runtime leaves out too
            }
            frames.add(frame.toString());
        }
        return new LambdaError(
                "Error loading class " + handlerClass + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                cause.getClass().getName(),
                frames);
    }

    /** Lambda's answer when the function outlives its timeout. */
    static LambdaError timeout(String requestId, double seconds) {
        return new LambdaError(
                String.format(
                        java.util.Locale.ROOT,
                        "RequestId: %s Error: Task timed out after %.2f seconds",
                        requestId,
                        seconds),
                "Sandbox.Timedout",
                List.of());
    }

    /**
     * Lambda's answer when the sandbox was killed, as for using more memory than the function has: the runtime's
     * process ends on SIGKILL and the invocation fails with {@code Runtime.ExitError}
     * (https://repost.aws/knowledge-center/lambda-runtime-error).
     */
    static LambdaError killed(String requestId) {
        return new LambdaError(
                "RequestId: " + requestId + " Error: Runtime exited with error: signal: killed",
                "Runtime.ExitError",
                List.of());
    }

    /** Lambda's answer when the function returns more than it may. */
    static LambdaError responseTooLarge(long bytes) {
        return new LambdaError(
                "Response payload size (" + bytes + " bytes) exceeded maximum allowed payload size ("
                        + MAX_RESPONSE_BYTES + " bytes).",
                "Function.ResponseSizeTooLarge",
                List.of());
    }

    private static List<String> frames(Throwable error) {
        return Arrays.stream(error.getStackTrace())
                .map(StackTraceElement::toString)
                .toList();
    }

    String toJson() {
        StringWriter json = new StringWriter();
        try (JsonGenerator out = new JsonFactory().createGenerator(json)) {
            out.writeStartObject();
            out.writeStringField("errorMessage", errorMessage);
            out.writeStringField("errorType", errorType);
            if (!stackTrace.isEmpty()) {
                out.writeArrayFieldStart("stackTrace");
                for (String frame : stackTrace) {
                    out.writeString(frame);
                }
                out.writeEndArray();
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json.toString();
    }
}
