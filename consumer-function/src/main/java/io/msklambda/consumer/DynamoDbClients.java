package io.msklambda.consumer;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** The environment's one DynamoDB client: explicit region and HTTP client, for a small, fast cold start. */
public final class DynamoDbClients {

    private DynamoDbClients() {}

    /**
     * The URL-connection HTTP client needs no extra threads or native code; credentials come from the
     * default chain (the function's role in Lambda, environment variables locally).
     */
    public static DynamoDbClient create(ConsumerSettings settings) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(settings.region()))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        settings.dynamodbEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
