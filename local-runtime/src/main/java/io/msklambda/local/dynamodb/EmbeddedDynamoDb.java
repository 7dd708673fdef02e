package io.msklambda.local.dynamodb;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * AWS's DynamoDB Local, in memory, served over real HTTP on 127.0.0.1 on an ephemeral port (or on an address and
 * port of the caller's), so that clients go through the SDK's whole HTTP path as they do against DynamoDB.
 *
 * <p>DynamoDB Local's own launcher ({@code ServerRunner}) binds every interface and keeps the port it chose
 * to itself; this class instead mounts DynamoDB Local's request handler on a Jetty server of its own with a
 * single connector on the address it is given, loopback by default. Skipping the launcher also skips its usage
 * telemetry, so nothing leaves the machine. The SQLite native library ships inside DynamoDB Local's jar, which extracts it on first
 * use.
 *
 * <p>Every thread serving requests belongs to a thread group of this instance, and so do the threads DynamoDB
 * Local starts while serving them; one of those sleeps for minutes and is not a daemon, so {@link #close()}
 * interrupts the group, or a program could not exit until it woke.
 *
 * <p>Two faults can be injected, each at the wire, so that clients meet them through their real HTTP path and
 * their SDK's own retry policy: an outage ({@link #stopServing()}, {@link #resumeServing()}) and throttling
 * ({@link #startThrottling()}, {@link #stopThrottling()}). Neither touches the database: tables and items
 * outlive both.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    /** DynamoDB Local accepts access keys of letters and digits only. */
    public static final String ACCESS_KEY = "local";

    public static final String SECRET_KEY = "local";
    /** Any region: the database is shared by every key and region. */
    public static final String REGION = "us-east-1";

    private static final String LOOPBACK = "127.0.0.1";
    private static final String ANY_ADDRESS = "0.0.0.0";
    private static final long THREADS_END_MILLIS = 5_000;
    /**
     * sqlite4java logs through java.util.logging and warns "unknown jar version" when its jar is shaded; the
     * logger is held here so that the level set on it is not lost to garbage collection.
     */
    private static final Logger SQLITE_LOG = Logger.getLogger("com.almworks.sqlite4java");

    private final Server jetty;
    private final ServerConnector connector;
    private final LocalDynamoDBServerHandler handler;
    private final ThrottlingHandler throttling;
    private final ThreadGroup threads;
    private final URI endpoint;
    private final int port;
    private boolean serving = true;
    private boolean closed;

    private EmbeddedDynamoDb(
            Server jetty,
            ServerConnector connector,
            LocalDynamoDBServerHandler handler,
            ThrottlingHandler throttling,
            ThreadGroup threads,
            String bindAddress) {
        this.jetty = jetty;
        this.connector = connector;
        this.handler = handler;
        this.throttling = throttling;
        this.threads = threads;
        this.port = connector.getLocalPort();
        this.endpoint = URI.create("http://" + (bindAddress.equals(ANY_ADDRESS) ? LOOPBACK : bindAddress) + ":" + port);
    }

    /** Starts an empty in-memory database on 127.0.0.1, on a port the OS chooses. */
    public static EmbeddedDynamoDb start() {
        return start(LOOPBACK, 0);
    }

    /**
     * Starts an empty in-memory database listening on {@code bindAddress} (127.0.0.1, 0.0.0.0 for every interface,
     * or one interface's address) and {@code port} (0 for one the OS chooses).
     *
     * @throws IllegalStateException naming the address if it did not start, for one because the port is in use
     */
    public static EmbeddedDynamoDb start(String bindAddress, int port) {
        SQLITE_LOG.setLevel(Level.SEVERE);
        // authority level 0 as the launcher passes; in memory; no file; one database for all keys and regions;
        // no artificial delay of CREATING/DELETING table states
        LocalDynamoDBServerHandler handler =
                new LocalDynamoDBServerHandler(new LocalDynamoDBRequestHandler(0, true, null, true, false), null);
        ThreadGroup group = new ThreadGroup("dynamodb-local");
        QueuedThreadPool threads = new QueuedThreadPool(32, 2, 60_000, -1, new LinkedBlockingQueue<>(), group);
        threads.setName("dynamodb-local");
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        // no acceptor thread: the selector accepts. A channel closed while a thread blocks in accept() keeps its
        // port until that thread wakes, so an outage could still hold the port a moment and a quick resume fail.
        ServerConnector connector = new ServerConnector(jetty, 0, 1);
        connector.setHost(bindAddress);
        connector.setPort(port);
        jetty.addConnector(connector);
        ThrottlingHandler throttling = new ThrottlingHandler(handler);
        jetty.setHandler(new ContextHandler(throttling, "/"));
        jetty.setStopAtShutdown(false);
        try {
            jetty.start();
        } catch (Exception e) {
            stopQuietly(jetty, handler, group);
            throw new IllegalStateException(
                    "DynamoDB Local did not start on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
        }
        return new EmbeddedDynamoDb(jetty, connector, handler, throttling, group, bindAddress);
    }

    /** {@code http://<address>:<port>}: 127.0.0.1 when it listens there or on every interface. */
    public URI endpoint() {
        return endpoint;
    }

    /** A client for this database with the URL-connection HTTP client the consumer uses. */
    public DynamoDbClient client() {
        return clientBuilder().build();
    }

    /**
     * What {@link #client()} builds, left open for more settings: a fault test, for one, turns the SDK's
     * retries off to see the first error a fault causes.
     */
    public DynamoDbClientBuilder clientBuilder() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
    }

    /**
     * Starts an outage: DynamoDB becomes unreachable as when its endpoint is down. The listening socket is
     * closed and every open connection dropped, so a client's new requests are refused ({@code
     * java.net.ConnectException}, surfacing as the SDK's {@code SdkClientException} once its retries are spent)
     * and requests in flight are cut off. The database stays in memory, with its tables and items. Idempotent,
     * and does nothing once closed.
     */
    public synchronized void stopServing() {
        if (serving && !closed) {
            try {
                connector.stop();
            } catch (Exception e) {
                throw new IllegalStateException(
                        "DynamoDB Local on port " + port + " did not stop serving: " + e.getMessage(), e);
            }
            serving = false;
        }
    }

    /**
     * Ends an outage: listens again on the same port, so {@link #endpoint()} and every client built on it stay
     * valid, and serves the database as it was. Idempotent.
     *
     * @throws IllegalStateException if another socket took the port meanwhile (the port is ephemeral, so even
     *                               another program's outgoing connection may); serving can be resumed again
     *                               once it is free; or if this database is closed
     */
    public synchronized void resumeServing() {
        requireOpen();
        if (!serving) {
            connector.setPort(port);
            try {
                connector.start();
            } catch (Exception e) {
                IllegalStateException failure = new IllegalStateException(
                        e instanceof IOException
                                ? "DynamoDB Local cannot resume serving: port " + port
                                        + " was taken during the outage (" + e.getMessage() + ")"
                                : "DynamoDB Local did not resume serving on port " + port + ": " + e.getMessage(),
                        e);
                try {
                    connector.stop(); // back to stopped from failed, so that a later resume can try again
                } catch (Exception stop) {
                    failure.addSuppressed(stop);
                }
                throw failure;
            }
            serving = true;
        }
    }

    /** Whether the endpoint accepts connections: false during an outage and after {@link #close()}. */
    public synchronized boolean isServing() {
        return serving && !closed;
    }

    /**
     * Starts throttling: from now on every request is answered as DynamoDB answers a throttled one, with HTTP
     * 400 and an {@code application/x-amz-json-1.0} error body, alternately {@code
     * ProvisionedThroughputExceededException} and {@code ThrottlingException}, and is not executed. The SDK
     * sees a real throttling error and retries it with its throttling backoff; with retries off or spent, a
     * client gets {@code ProvisionedThroughputExceededException} or a {@code DynamoDbException} with error
     * code {@code ThrottlingException}. Idempotent.
     */
    public void startThrottling() {
        throttling.throttle(true);
    }

    /** Ends throttling: requests are served again. Idempotent. */
    public void stopThrottling() {
        throttling.throttle(false);
    }

    /** Whether requests are being throttled now. */
    public boolean isThrottling() {
        return throttling.isThrottling();
    }

    /**
     * How many requests were answered with a throttling error since start, over every throttling period. An
     * outage refuses connections before any request is read, so the requests it refuses are counted only by
     * the clients that sent them.
     */
    public long throttledRequests() {
        return throttling.throttledRequests();
    }

    /** Stops serving and drops the database. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            stopQuietly(jetty, handler, threads);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("DynamoDB Local on port " + port + " is closed");
        }
    }

    private static void stopQuietly(Server jetty, LocalDynamoDBServerHandler handler, ThreadGroup threads) {
        try {
            jetty.stop();
        } catch (Exception e) {
            // stopping is best effort; the handler below still releases the database
        } finally {
            handler.close();
            threads.interrupt(); // wakes DynamoDB Local's sleeping job threads so that they end
            long deadline = System.nanoTime() + THREADS_END_MILLIS * 1_000_000;
            while (threads.activeCount() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                Thread.yield();
            }
        }
    }
}
