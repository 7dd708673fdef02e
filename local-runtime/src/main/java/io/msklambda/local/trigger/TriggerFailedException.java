package io.msklambda.local.trigger;

/** A batch that failed past its retries, or a trigger interrupted while waiting to retry. */
public final class TriggerFailedException extends RuntimeException {

    TriggerFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
