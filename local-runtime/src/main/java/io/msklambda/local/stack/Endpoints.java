package io.msklambda.local.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Utils;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Whether the real endpoints a command names answer at all, asked before any service starts: a dead endpoint is one
 * line naming the option or variable, the value and how long it waited, instead of a client's retries and their
 * stack trace minutes later. Only a TCP connection is tried here; what answers on it is the clients' business.
 */
public final class Endpoints {

    /** How long one endpoint may take to accept a connection, all its addresses together. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private Endpoints() {}

    /** A real endpoint that does not answer: its message is the line to print. */
    public static final class UnreachableException extends IllegalStateException {
        UnreachableException(String message) {
            super(message);
        }
    }

    /**
     * @param named            how the user named it, for the message: {@code --bootstrap-servers b-1:9098} or
     *                         {@code BOOTSTRAP_SERVERS=b-1:9098}
     * @param bootstrapServers comma-separated host:port pairs
     * @throws UnreachableException when no broker accepts a connection within {@link #CONNECT_TIMEOUT}
     */
    public static void requireBroker(String named, String bootstrapServers) {
        List<String> hostPorts = new ArrayList<>();
        for (String server : bootstrapServers.split(",")) {
            if (!server.isBlank()) {
                hostPorts.add(server.strip());
            }
        }
        require(named, hostPorts, "a broker");
    }

    /**
     * @param named    how the user named it, for the message: {@code --dynamodb-endpoint http://…} or
     *                 {@code DYNAMODB_ENDPOINT=http://…}
     * @param endpoint an http or https URL
     * @throws UnreachableException when it does not accept a connection within {@link #CONNECT_TIMEOUT}
     */
    public static void requireDynamoDb(String named, URI endpoint) {
        int port = endpoint.getPort() != -1 ? endpoint.getPort() : "http".equals(endpoint.getScheme()) ? 80 : 443;
        require(named, List.of(endpoint.getHost() + ":" + port), "DynamoDB");
    }

    /**
     * Whether the SDK's default chain finds credentials to sign a real endpoint's requests with, before anything
     * starts: without them the first request fails with the chain's whole story, one provider after another.
     *
     * @throws IllegalArgumentException naming the endpoint and where credentials come from
     */
    public static void requireCredentials(String named) {
        try (DefaultCredentialsProvider chain =
                DefaultCredentialsProvider.builder().build()) {
            chain.resolveCredentials();
        } catch (SdkClientException e) {
            throw new IllegalArgumentException(
                    named + ": no AWS credentials to sign its requests with "
                            + "(AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or ~/.aws; DynamoDB Local takes any)",
                    e);
        }
    }

    private static void require(String named, List<String> hostPorts, String what) {
        long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
        List<String> failures = new ArrayList<>();
        int resolved = 0;
        for (String hostPort : hostPorts) {
            String host = Utils.getHost(hostPort);
            Integer port = Utils.getPort(hostPort);
            if (host == null || port == null) {
                failures.add(hostPort + ": not host:port");
                continue;
            }
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                failures.add(host + ": no such host");
                continue;
            }
            resolved++;
            for (InetAddress address : addresses) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    failures.add(hostPort + ": no answer");
                    break;
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, port), (int) left);
                    return;
                } catch (IOException e) {
                    failures.add(address.getHostAddress() + ":" + port + ": " + e.getMessage());
                }
            }
        }
        throw new UnreachableException(
                resolved == 0 && !hostPorts.isEmpty()
                        ? named + ": no host name resolves (" + String.join("; ", failures) + ")"
                        : named + ": " + what + " did not accept a connection within " + CONNECT_TIMEOUT.toSeconds()
                                + " s (" + String.join("; ", failures) + ")");
    }
}
