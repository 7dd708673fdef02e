package io.msklambda.model.logging;

import org.slf4j.MDC;

/**
 * Puts the invocation's request id on every log line written while it runs, under the name Lambda's JSON log format
 * gives it, {@value #REQUEST_ID}
 * (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-logformat.html).
 *
 * <p>In the handler's own thread it is SLF4J's MDC, set when the invocation starts and removed when it ends, as
 * Powertools for AWS Lambda does. The libraries also log from threads of their own (the Kafka producer's network
 * thread, the consumer's DynamoDB writers): {@link RequestIdContextData} gives their lines the invocation under way,
 * which is one at a time in an execution environment
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html).
 *
 * <pre>{@code
 * try (InvocationLog log = InvocationLog.start(context.getAwsRequestId())) { ... }
 * }</pre>
 */
public final class InvocationLog implements AutoCloseable {

    /** The request id's field in Lambda's JSON log format. */
    public static final String REQUEST_ID = "AWSRequestId";

    /** The invocation under way in this execution environment, or null between invocations and during init. */
    private static volatile String current;

    private final String requestId;

    private InvocationLog(String requestId) {
        this.requestId = requestId;
    }

    /** From now until {@link #close()}, log lines carry {@code requestId}. */
    public static InvocationLog start(String requestId) {
        MDC.put(REQUEST_ID, requestId);
        current = requestId;
        return new InvocationLog(requestId);
    }

    /** The request id of the invocation under way, or null. */
    static String current() {
        return current;
    }

    @Override
    public void close() {
        MDC.remove(REQUEST_ID);
        if (requestId.equals(current)) {
            current = null;
        }
    }
}
