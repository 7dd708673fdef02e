package io.msklambda.producer;

/**
 * A run in which some record was not acknowledged. Thrown after the run has waited for the rest, so the
 * report's counts are final; Lambda then reports the invocation as failed with this message.
 */
public final class PublishFailedException extends RuntimeException {

    private final transient ProduceReport report;

    PublishFailedException(String message, ProduceReport report, Throwable cause) {
        super(message, cause);
        this.report = report;
    }

    /** The counts of the failed run. */
    public ProduceReport report() {
        return report;
    }
}
