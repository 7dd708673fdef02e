package io.msklambda.local.destination;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SQS clients for an SQS-compatible endpoint on this machine, such as {@link EmbeddedSqs}. */
public final class SqsClients {

    /** Letters and digits only, as DynamoDB Local asks too: an emulator checks no signature against them. */
    public static final String ACCESS_KEY = "local";

    public static final String SECRET_KEY = "local";

    private SqsClients() {}

    /**
     * A client for {@code endpoint} on the URL-connection HTTP client the rest of the local runtime uses, in
     * {@link EmbeddedSqs#REGION}, with static dummy credentials; the caller closes it.
     */
    public static SqsClient create(URI endpoint) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(EmbeddedSqs.REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }
}
