package io.msklambda.local.stack;

import java.util.Objects;

/**
 * Where the embedded services listen, for clients outside this JVM: programs on this machine, and programs in
 * containers that reach it by a host name of their own ({@code host.docker.internal}).
 *
 * @param kafkaPort     broker i's listener for programs on this machine, on 127.0.0.1, is on {@code kafkaPort + i - 1};
 *                      0 for ports the OS chooses
 * @param containerHost the name containers reach this machine by, which a second listener on each broker
 *                      advertises; null for no such listener
 * @param containerPort broker i's listener for containers is on {@code containerPort + i - 1}; 0 for ports the OS
 *                      chooses
 * @param bindAddress   the address the containers' listener and DynamoDB Local listen on
 * @param dynamoDbPort  DynamoDB Local's port; 0 for one the OS chooses
 */
public record Exposure(int kafkaPort, String containerHost, int containerPort, String bindAddress, int dynamoDbPort) {

    /** Everything on 127.0.0.1, on ports the OS chooses, and nothing for containers: for clients in this JVM. */
    public static final Exposure LOOPBACK = new Exposure(0, null, 0, "127.0.0.1", 0);

    public Exposure {
        Objects.requireNonNull(bindAddress, "bindAddress");
    }
}
