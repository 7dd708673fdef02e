package io.msklambda.local.dynamodb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Wraps DynamoDB Local's handler and, while switched on, answers every request the way DynamoDB answers a
 * throttled one instead of passing it on, so that a client's SDK sees a real HTTP error and applies its own
 * throttling retries and backoff. Requests alternate between the two throttling errors DynamoDB returns, one
 * from the table's capacity and one from the service's request rate.
 */
final class ThrottlingHandler extends Handler.Wrapper {

    // The error body and the two types follow
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    static final String PROVISIONED_THROUGHPUT_EXCEEDED =
            "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException";
    static final String THROTTLING = "com.amazon.coral.availability#ThrottlingException";

    private static final byte[] PROVISIONED_THROUGHPUT_EXCEEDED_BODY = body(
            PROVISIONED_THROUGHPUT_EXCEEDED,
            "The level of configured provisioned throughput for the table was exceeded. "
                    + "(Throttled by the local runtime's dynamodb-throttle fault.)");
    private static final byte[] THROTTLING_BODY = body(
            THROTTLING,
            "Rate of requests exceeds the allowed throughput. (Throttled by the local runtime's dynamodb-throttle fault.)");

    private volatile boolean throttling;
    private final AtomicLong throttled = new AtomicLong();

    ThrottlingHandler(Handler dynamoDbLocal) {
        super(dynamoDbLocal);
    }

    void throttle(boolean on) {
        throttling = on;
    }

    boolean isThrottling() {
        return throttling;
    }

    long throttledRequests() {
        return throttled.get();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!throttling) {
            return super.handle(request, response, callback);
        }
        boolean odd = throttled.incrementAndGet() % 2 == 1;
        response.setStatus(HttpStatus.BAD_REQUEST_400);
        response.getHeaders().put("Content-Type", CONTENT_TYPE);
        response.getHeaders().put("x-amzn-RequestId", UUID.randomUUID().toString());
        // the request body is left unread: Jetty consumes or discards it once the response completes
        response.write(true, ByteBuffer.wrap(odd ? PROVISIONED_THROUGHPUT_EXCEEDED_BODY : THROTTLING_BODY), callback);
        return true;
    }

    private static byte[] body(String type, String message) {
        return ("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
