package io.msklambda.local.pipeline;

import io.msklambda.local.destination.OnFailureSinks;
import io.msklambda.local.destination.ReadableSink;
import io.msklambda.local.stack.LocalStack;
import io.msklambda.local.trigger.Destination;
import io.msklambda.local.trigger.InvocationRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The mapping's on-failure destination, served locally: a topic on the run's cluster, a queue on an embedded
 * SQS-compatible server, or files standing for an SNS topic or an S3 bucket, kept after the run.
 */
final class OnFailureDestination {

    /** The consumer's ARN in the local stack, as failure records name the function. */
    private static final String CONSUMER_ARN = "arn:aws:lambda:us-east-1:123456789012:function:ConsumerFunction";

    private OnFailureDestination() {}

    /** Opens the destination on the stack and says where it is. */
    static ReadableSink open(Destination destination, LocalStack stack, String consumerGroup, PrintWriter out) {
        boolean files = destination.kind() == Destination.Kind.SNS || destination.kind() == Destination.Kind.S3;
        Path directory = Path.of(System.getProperty("java.io.tmpdir")); // not written to by a topic or a queue
        try {
            directory = files ? Files.createTempDirectory("msk-local-on-failure-") : directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for the on-failure destination", e);
        }
        ReadableSink opened = OnFailureSinks.open(
                destination,
                new OnFailureSinks.Settings(
                        new InvocationRecord(CONSUMER_ARN, stack.eventSourceArn(), stack.bootstrapServers()),
                        stack.bootstrapServers(),
                        stack.clientProperties(LocalStack.Client.TRIGGER),
                        stack.clientProperties(),
                        Optional.empty(),
                        directory,
                        consumerGroup));
        out.println("on-failure destination " + destination.spec() + ": " + opened.location());
        return opened;
    }

    /** The records the destination holds, read from it; -1 without one. */
    static long recordsHeld(ReadableSink sink, PrintWriter out) {
        if (sink == null) {
            return -1;
        }
        try {
            return sink.recordsHeld();
        } catch (Exception e) {
            out.println("cannot read the on-failure destination back: " + e);
            return -1;
        }
    }
}
