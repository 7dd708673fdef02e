package io.msklambda.bench;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

/**
 * For the consumer's CPU-only benchmark: a DynamoDB that accepts every write the handler builds and sends
 * nothing anywhere, so what is timed is decoding, aggregating and building the requests. Any other call
 * (a read, above all) fails: in steady state the handler makes none.
 */
final class DiscardingDynamoDb implements DynamoDbClient {

    private long puts;

    @Override
    public synchronized PutItemResponse putItem(PutItemRequest request) {
        puts++;
        return PutItemResponse.builder().build();
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        return BatchWriteItemResponse.builder().build();
    }

    synchronized long puts() {
        return puts;
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {}
}
