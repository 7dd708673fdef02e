package io.msklambda.tests.destination;

import io.msklambda.local.destination.EmbeddedSqs;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Run by {@link EmbeddedSqsIT} in a JVM of its own with the shaded jar on the class path: starts EmbeddedSqs, sends
 * a message through a queue, prints it, closes everything and returns, so that the JVM exits only if no thread of
 * the server is left.
 */
public final class EmbeddedSqsProbe {

    private EmbeddedSqsProbe() {}

    public static void main(String[] args) {
        try (EmbeddedSqs sqs = EmbeddedSqs.start();
                SqsClient client = sqs.client()) {
            String url = sqs.createQueue("probe");
            client.sendMessage(request -> request.queueUrl(url).messageBody("{\"from\":\"the shaded jar\"}"));
            String body = client.receiveMessage(request -> request.queueUrl(url))
                    .messages()
                    .get(0)
                    .body();
            System.out.println("received " + body + " from " + url);
        }
    }
}
