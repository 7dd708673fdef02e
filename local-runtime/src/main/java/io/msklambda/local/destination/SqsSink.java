package io.msklambda.local.destination;

import io.msklambda.local.stack.Closer;
import io.msklambda.local.trigger.Destination;
import io.msklambda.local.trigger.FailedBatch;
import io.msklambda.local.trigger.InvocationRecord;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * An SQS queue as the on-failure destination: each failed batch becomes one message whose body is the invocation
 * record's metadata (no records inside), as Lambda sends it to SQS
 * (https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html). The queue is the last part of the
 * destination's ARN, on an SQS-compatible endpoint: an {@link EmbeddedSqs} of its own, or one given.
 *
 * <p>{@link #send} returns once SQS has accepted the message and throws when it has not (the SDK's retries spent),
 * so that the mapping keeps the records and tries again. The client is thread-safe, and so is this sink.
 */
public final class SqsSink implements ReadableSink {

    /** SQS returns at most 10 messages a receive and deletes at most 10 a batch. */
    private static final int MAX_MESSAGES = 10;

    private final Destination destination;
    private final InvocationRecord invocationRecord;
    private final SqsClient client;
    private final String queueUrl;
    private final Closer resources;
    private long drainedRecords;

    private SqsSink(
            Destination destination,
            InvocationRecord invocationRecord,
            SqsClient client,
            String queueUrl,
            Closer resources) {
        this.destination = destination;
        this.invocationRecord = invocationRecord;
        this.client = client;
        this.queueUrl = queueUrl;
        this.resources = resources;
    }

    /**
     * Starts an {@link EmbeddedSqs} with the destination's queue; the sink owns the server and stops it on
     * {@link #close()}.
     */
    public static SqsSink embedded(Destination destination, InvocationRecord invocationRecord) {
        requireSqs(destination);
        Closer resources = new Closer();
        try {
            EmbeddedSqs sqs = resources.add(EmbeddedSqs.start());
            String queueUrl = sqs.createQueue(destination.name());
            SqsClient client = resources.add(sqs.client());
            return new SqsSink(destination, invocationRecord, client, queueUrl, resources);
        } catch (RuntimeException e) {
            closeAfter(e, resources);
            throw e;
        }
    }

    /**
     * Sends to the destination's queue on {@code endpoint}, an SQS-compatible server that already has the queue (as
     * Lambda requires it to exist).
     *
     * @throws software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException if it has not
     */
    public static SqsSink connect(Destination destination, URI endpoint, InvocationRecord invocationRecord) {
        requireSqs(destination);
        Closer resources = new Closer();
        try {
            SqsClient client = resources.add(SqsClients.create(endpoint));
            String queueUrl = client.getQueueUrl(request -> request.queueName(destination.name()))
                    .queueUrl();
            return new SqsSink(destination, invocationRecord, client, queueUrl, resources);
        } catch (RuntimeException e) {
            closeAfter(e, resources);
            throw e;
        }
    }

    /** One message: {@link InvocationRecord#metadata}, as UTF-8 text. */
    @Override
    public void send(FailedBatch failed) {
        String body = new String(invocationRecord.metadata(failed), StandardCharsets.UTF_8);
        client.sendMessage(request -> request.queueUrl(queueUrl).messageBody(body));
    }

    /**
     * Receives every message the queue holds now and deletes it, for a run's final reading: the bodies, oldest
     * first as far as SQS orders a standard queue. Receives do not wait: ElasticMQ answers from the whole queue
     * (SQS itself samples its servers, and could answer empty early).
     */
    public synchronized List<String> drain() {
        List<String> bodies = new ArrayList<>();
        while (true) {
            List<Message> messages = client.receiveMessage(request -> request.queueUrl(queueUrl)
                            .maxNumberOfMessages(MAX_MESSAGES)
                            .waitTimeSeconds(0))
                    .messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            List<DeleteMessageBatchRequestEntry> deletions = new ArrayList<>();
            for (Message message : messages) {
                bodies.add(message.body());
                drainedRecords += BatchSize.of(message.body());
                deletions.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(deletions.size()))
                        .receiptHandle(message.receiptHandle())
                        .build());
            }
            DeleteMessageBatchResponse deleted = client.deleteMessageBatch(
                    request -> request.queueUrl(queueUrl).entries(deletions));
            if (deleted.hasFailed() && !deleted.failed().isEmpty()) {
                throw new IllegalStateException(
                        "SQS did not delete " + deleted.failed().size() + " messages from " + queueUrl + ": "
                                + deleted.failed().get(0).message());
            }
        }
    }

    /** The records of every message drained so far, this call's drain included. */
    @Override
    public synchronized long recordsHeld() {
        drain();
        return drainedRecords;
    }

    public String queueUrl() {
        return queueUrl;
    }

    @Override
    public Destination destination() {
        return destination;
    }

    @Override
    public String location() {
        return "SQS queue " + queueUrl;
    }

    /** Closes the client, and the embedded server if the sink started one. */
    @Override
    public void close() {
        resources.close();
    }

    private static void requireSqs(Destination destination) {
        Objects.requireNonNull(destination, "destination");
        if (destination.kind() != Destination.Kind.SQS) {
            throw new IllegalArgumentException("not an SQS queue: " + destination.spec());
        }
    }

    private static void closeAfter(RuntimeException failure, Closer resources) {
        try {
            resources.close();
        } catch (RuntimeException closing) {
            failure.addSuppressed(closing);
        }
    }
}
