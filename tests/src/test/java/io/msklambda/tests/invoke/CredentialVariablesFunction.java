package io.msklambda.tests.invoke;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.TreeMap;

/**
 * A function that returns the AWS credential variables its process was given (all but the secret key): what
 * {@code invoke} handed it, seen from inside. Packed into a jar of its own by the test that runs it.
 */
public final class CredentialVariablesFunction implements RequestHandler<Object, Map<String, String>> {

    static final String UNSET = "(unset)";
    static final String[] VARIABLES = {"AWS_ACCESS_KEY_ID", "AWS_SESSION_TOKEN", "AWS_ACCOUNT_ID", "AWS_PROFILE"};

    @Override
    public Map<String, String> handleRequest(Object event, Context context) {
        Map<String, String> seen = new TreeMap<>();
        for (String variable : VARIABLES) {
            String value = System.getenv(variable);
            seen.put(variable, value == null ? UNSET : value);
        }
        return seen;
    }
}
