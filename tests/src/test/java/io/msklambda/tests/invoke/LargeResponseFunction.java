package io.msklambda.tests.invoke;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** A function whose response is 7 MB, over Lambda's 6 MB. Packed into a jar of its own by the test that runs it. */
public final class LargeResponseFunction implements RequestHandler<Object, String> {

    /** The response's length in characters; as a JSON string it has two more. */
    static final int LENGTH = 7 * 1024 * 1024;

    @Override
    public String handleRequest(Object event, Context context) {
        return "x".repeat(LENGTH);
    }
}
