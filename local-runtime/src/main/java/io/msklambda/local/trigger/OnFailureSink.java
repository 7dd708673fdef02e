package io.msklambda.local.trigger;

/** Where the mapping sends the records it gives up on ({@code DestinationConfig.OnFailure}). */
public interface OnFailureSink extends AutoCloseable {

    /**
     * Sends the records' failure record(s); when it throws, the records stay uncommitted and the mapping tries again.
     */
    void send(FailedBatch failed) throws Exception;

    /** The destination as the mapping names it. */
    Destination destination();

    @Override
    default void close() {}
}
