package io.msklambda.local.up;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;

/**
 * A fixed port a service will listen on, and the option that chose it: checked free before anything starts, so that
 * a port in use is one line naming the option, not a stack trace once the cluster has half started.
 *
 * <p>The check binds the address and lets it go at once. A program that takes the port in the seconds before the
 * service binds it still fails the start, with a message naming the address.
 *
 * @param option  the option that chose it, e.g. {@code --kafka-port}
 * @param value   the option's value (broker i's port is {@code value + i - 1})
 * @param what    whose port it is, e.g. {@code broker 2}
 * @param address the address the service will bind
 * @param port    the port
 */
public record PortClaim(String option, int value, String what, String address, int port) {

    /**
     * @throws IllegalStateException for the first port that cannot be listened on:
     *                               {@code "--option value: cannot listen on address:port for what (reason)"}
     */
    public static void requireFree(List<PortClaim> claims) {
        for (PortClaim claim : claims) {
            claim.requireFree();
        }
    }

    private void requireFree() {
        // a server socket as Kafka's and Jetty's are opened (the JDK sets SO_REUSEADDR on them)
        try (ServerSocketChannel channel = ServerSocketChannel.open()) {
            channel.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            throw new IllegalStateException(
                    option + " " + value + ": cannot listen on " + address + ":" + port + " for " + what + " ("
                            + e.getMessage() + ")",
                    e);
        }
    }
}
