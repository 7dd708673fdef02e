package io.msklambda.tests.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Credentials for a test class whose runs build their DynamoDB client from the default provider chain: the client
 * signs its requests, and DynamoDB Local takes any letters-and-digits key. Cleared after the class, so that no other
 * test finds credentials it did not set.
 */
public final class DynamoDbLocalCredentials implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }
}
