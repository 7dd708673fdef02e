package io.msklambda.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * A Lambda {@link Context} for one local invocation: a fresh request id, and a remaining time that counts
 * down from the function's timeout from the moment the context is made, as Lambda's does.
 */
public final class LocalContext implements Context {

    private final String functionName;
    private final int memoryMb;
    private final String requestId;
    private final long deadlineNanos;
    private final LambdaLogger logger;

    public LocalContext(String functionName, Duration timeout, int memoryMb, PrintStream log) {
        this(functionName, timeout, memoryMb, log, UUID.randomUUID().toString());
    }

    /** The same, for a request whose id was given out before the invocation (invoke's, to report a killed sandbox). */
    public LocalContext(String functionName, Duration timeout, int memoryMb, PrintStream log, String requestId) {
        this.requestId = requestId;
        this.functionName = functionName;
        this.memoryMb = memoryMb;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.logger = new StreamLogger(log, requestId);
    }

    /** A context with the given timeout that logs to standard error. */
    public static LocalContext of(String functionName, Duration timeout) {
        return new LocalContext(functionName, timeout, 512, System.err);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local/" + requestId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:local:000000000000:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    /** Writes each message as one line prefixed with the request id, as Lambda's text log format does. */
    private record StreamLogger(PrintStream out, String requestId) implements LambdaLogger {
        @Override
        public void log(String message) {
            out.println(requestId + " " + message);
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    }
}
