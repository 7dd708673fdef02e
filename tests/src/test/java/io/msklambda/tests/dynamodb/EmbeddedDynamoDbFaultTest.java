package io.msklambda.tests.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.msklambda.consumer.AggregatesTable;
import io.msklambda.local.dynamodb.EmbeddedDynamoDb;
import io.msklambda.tests.support.LocalServices;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * The outage and throttling faults of the embedded DynamoDB, seen through the SDK's real HTTP path: what a
 * client gets while they last, and that the database is whole after them. One database serves the class;
 * every test ends its faults.
 */
class EmbeddedDynamoDbFaultTest {

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    @AfterEach
    void endFaults() {
        SERVICES.dynamoDb().stopThrottling();
        SERVICES.dynamoDb().resumeServing();
    }

    @Test
    void outageRefusesConnectionsAndTheSameEndpointServesTheEarlierItemsAfterIt() {
        // Given a table with one item
        EmbeddedDynamoDb dynamoDb = SERVICES.dynamoDb();
        String table = freshTable();
        Map<String, AttributeValue> before = item(1, "2026-03-09T21:05:00Z", 3);
        SERVICES.dynamo().putItem(b -> b.tableName(table).item(before));
        URI endpoint = dynamoDb.endpoint();

        // When DynamoDB goes offline (twice: stopping is idempotent) and a client without retries writes
        dynamoDb.stopServing();
        dynamoDb.stopServing();
        Map<String, AttributeValue> during = item(2, "2026-03-09T21:05:00Z", 5);
        Throwable refused;
        try (DynamoDbClient noRetries = clientWithoutRetries()) {
            refused = catchThrowableOfType(
                    SdkClientException.class,
                    () -> noRetries.putItem(b -> b.tableName(table).item(during)));
        }

        // Then the write is refused at the connection, and nothing listens
        assertThat(refused).isNotNull().hasRootCauseInstanceOf(ConnectException.class);
        assertThat(dynamoDb.isServing()).isFalse();

        // When it comes back (twice: resuming is idempotent)
        dynamoDb.resumeServing();
        dynamoDb.resumeServing();

        // Then the same endpoint, and the client built before the outage, serve exactly the item written before it
        assertThat(dynamoDb.isServing()).isTrue();
        assertThat(dynamoDb.endpoint()).isEqualTo(endpoint);
        assertThat(SERVICES.dynamo()
                        .scan(b -> b.tableName(table).consistentRead(true))
                        .items())
                .containsExactly(before);
    }

    @Test
    void resumingFailsNamingThePortWhenAnotherSocketTookIt() throws Exception {
        // Given an outage during which another socket binds the endpoint's port
        EmbeddedDynamoDb dynamoDb = SERVICES.dynamoDb();
        int port = dynamoDb.endpoint().getPort();
        dynamoDb.stopServing();
        try (ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {

            // When DynamoDB tries to come back, then it fails naming the port
            assertThatThrownBy(dynamoDb::resumeServing)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + port)
                    .hasMessageContaining("taken");
            assertThat(dynamoDb.isServing()).isFalse();
        }

        // And once the port is free again, it comes back
        dynamoDb.resumeServing();
        assertThat(SERVICES.dynamo().listTables().tableNames()).isNotNull();
    }

    @Test
    void throttledRequestIsAnsweredWithDynamoDbsThrottlingErrorOnTheWire() throws Exception {
        // Given throttling
        EmbeddedDynamoDb dynamoDb = SERVICES.dynamoDb();
        dynamoDb.startThrottling();

        // When two requests are posted over plain HTTP
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest listTables = HttpRequest.newBuilder(dynamoDb.endpoint())
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        List<HttpResponse<String>> responses = List.of(
                http.send(listTables, HttpResponse.BodyHandlers.ofString()),
                http.send(listTables, HttpResponse.BodyHandlers.ofString()));

        // Then both are 400s in DynamoDB's JSON error format, one of each throttling type
        assertThat(responses).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
            assertThat(response.body()).matches("\\{\"__type\":\"[a-z.0-9]+#[A-Za-z]+\",\"message\":\"[^\"]+\"}");
        });
        assertThat(responses)
                .extracting(response -> response.body().replaceAll("^\\{\"__type\":\"([^\"]+)\".*", "$1"))
                .containsExactlyInAnyOrder(
                        "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                        "com.amazon.coral.availability#ThrottlingException");
    }

    @Test
    void throttledRequestsWithoutRetriesFailWithTheSdksThrottlingExceptions() {
        // Given a table, and throttling
        EmbeddedDynamoDb dynamoDb = SERVICES.dynamoDb();
        String table = freshTable();
        long throttledBefore = dynamoDb.throttledRequests();
        dynamoDb.startThrottling();

        // When a client without retries writes twice
        List<DynamoDbException> failures;
        try (DynamoDbClient noRetries = clientWithoutRetries()) {
            failures = Stream.of(1, 2)
                    .map(device -> catchThrowableOfType(
                            DynamoDbException.class,
                            () -> noRetries.putItem(
                                    b -> b.tableName(table).item(item(device, "2026-03-09T21:05:00Z", 1)))))
                    .collect(Collectors.toList());
        }

        // Then it sees one of each of DynamoDB's throttling errors, both counted, and nothing was written
        assertThat(failures).allSatisfy(failure -> {
            assertThat(failure.statusCode()).isEqualTo(400);
            assertThat(failure.isThrottlingException()).isTrue();
        });
        assertThat(failures)
                .extracting(failure -> failure.awsErrorDetails().errorCode())
                .containsExactlyInAnyOrder("ProvisionedThroughputExceededException", "ThrottlingException");
        assertThat(failures)
                .filteredOn(failure -> failure.awsErrorDetails().errorCode().startsWith("Provisioned"))
                .singleElement()
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        assertThat(dynamoDb.throttledRequests() - throttledBefore).isEqualTo(2);
        dynamoDb.stopThrottling();
        assertThat(SERVICES.dynamo()
                        .scan(b -> b.tableName(table).consistentRead(true))
                        .items())
                .isEmpty();
    }

    @Test
    void writeDuringAShortThrottleSucceedsThroughTheSdksDefaultRetries() {
        // Given a table, and throttling that another thread ends once two requests were throttled
        EmbeddedDynamoDb dynamoDb = SERVICES.dynamoDb();
        String table = freshTable();
        long target = dynamoDb.throttledRequests() + 2;
        dynamoDb.startThrottling();
        CompletableFuture<Void> ending = CompletableFuture.runAsync(() -> {
            while (dynamoDb.isThrottling() && dynamoDb.throttledRequests() < target) {
                sleepBriefly();
            }
            dynamoDb.stopThrottling();
        });

        // When a client with the SDK's default retry policy writes
        Map<String, AttributeValue> written = item(7, "2026-03-09T21:05:10Z", 4);
        SERVICES.dynamo().putItem(b -> b.tableName(table).item(written));
        ending.join();

        // Then the write went through after being throttled, and is stored whole
        assertThat(dynamoDb.throttledRequests()).isGreaterThanOrEqualTo(target);
        assertThat(SERVICES.dynamo()
                        .scan(b -> b.tableName(table).consistentRead(true))
                        .items())
                .containsExactly(written);
    }

    private static DynamoDbClient clientWithoutRetries() {
        return SERVICES.dynamoDb()
                .clientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static String freshTable() {
        String table = "aggregates-" + UUID.randomUUID();
        SERVICES.dynamo().createTable(AggregatesTable.createRequest(table));
        SERVICES.dynamo().waiter().waitUntilTableExists(b -> b.tableName(table));
        return table;
    }

    private static Map<String, AttributeValue> item(int device, String windowStart, long count) {
        Map<String, AttributeValue> item =
                new HashMap<>(AggregatesTable.keyOf(AggregatesTable.deviceSeries(device), windowStart, "t-0"));
        item.put(AggregatesTable.COUNT, AttributeValue.fromN(Long.toString(count)));
        return item;
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
