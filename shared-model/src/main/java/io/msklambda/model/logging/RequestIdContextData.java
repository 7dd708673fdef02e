package io.msklambda.model.logging;

import java.util.Map;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.util.ContextDataProvider;

/**
 * Log4j's context data for lines written outside the handler's thread while an invocation runs: its request id.
 * A thread that has a request id of its own in the MDC (the handler's) keeps it. Found by Log4j through
 * {@code META-INF/services}; where Log4j is not the provider (the local runtime) nothing reads it.
 */
public final class RequestIdContextData implements ContextDataProvider {

    @Override
    public Map<String, String> supplyContextData() {
        String requestId = InvocationLog.current();
        if (requestId == null || ThreadContext.containsKey(InvocationLog.REQUEST_ID)) {
            return Map.of();
        }
        return Map.of(InvocationLog.REQUEST_ID, requestId);
    }
}
