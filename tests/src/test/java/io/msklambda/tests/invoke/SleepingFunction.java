package io.msklambda.tests.invoke;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** A function that outlives any timeout a test gives it. Packed into a jar of its own by the test that runs it. */
public final class SleepingFunction implements RequestHandler<Object, String> {

    @Override
    public String handleRequest(Object event, Context context) {
        try {
            Thread.sleep(120_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "woke up";
    }
}
