package io.msklambda.local.faults;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

/**
 * A real DynamoDB client that can be told to crash the function at its n-th write: either before the write
 * is sent, or after DynamoDB applied it and before the function saw the answer (a lost response). Every other
 * request goes to the real database unchanged. The pipeline's fault options and the replay tests use it to
 * leave a batch half written, as a function that dies mid-batch does.
 */
public final class CrashingDynamoDb implements DynamoDbClient {

    /** Stands for the function dying mid-batch. */
    public static final class InjectedCrash extends RuntimeException {
        InjectedCrash(String message) {
            super(message);
        }
    }

    private final DynamoDbClient delegate;
    private int writesUntilCrash = -1;
    private boolean afterApplying;

    public CrashingDynamoDb(DynamoDbClient delegate) {
        this.delegate = delegate;
    }

    /** The {@code writes}-th write from now (0 = the next) crashes; after it is applied if {@code afterApplying}. */
    public synchronized void crashAtWrite(int writes, boolean afterApplying) {
        this.writesUntilCrash = writes;
        this.afterApplying = afterApplying;
    }

    public synchronized void disarm() {
        writesUntilCrash = -1;
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        return write(() -> delegate.putItem(request));
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        return write(() -> delegate.batchWriteItem(request));
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        return delegate.getItem(request);
    }

    private <T> T write(java.util.function.Supplier<T> call) {
        boolean crash;
        boolean applyFirst;
        synchronized (this) { // the consumer writes items from several threads
            crash = writesUntilCrash == 0;
            applyFirst = afterApplying;
            if (writesUntilCrash >= 0) {
                writesUntilCrash--;
            }
        }
        if (crash) {
            if (applyFirst) {
                call.get();
            }
            throw new InjectedCrash(applyFirst ? "crashed after a write was applied" : "crashed before a write");
        }
        return call.get();
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public DynamoDbServiceClientConfiguration serviceClientConfiguration() {
        return delegate.serviceClientConfiguration();
    }

    @Override
    public void close() {
        // the delegate belongs to whoever made this
    }
}
