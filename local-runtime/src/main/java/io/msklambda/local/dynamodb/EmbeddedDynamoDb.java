package io.msklambda.local.dynamodb;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
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

/**
 * AWS's DynamoDB Local, in memory, served over real HTTP on 127.0.0.1 on an ephemeral port, so that clients
 * go through the SDK's whole HTTP path as they do against DynamoDB.
 *
 * <p>DynamoDB Local's own launcher ({@code ServerRunner}) binds every interface and keeps the port it chose
 * to itself; this class instead mounts DynamoDB Local's request handler on a Jetty server of its own with a
 * single loopback connector on port 0. Skipping the launcher also skips its usage telemetry, so nothing
 * leaves the machine. The SQLite native library ships inside DynamoDB Local's jar, which extracts it on first
 * use.
 *
 * <p>Every thread serving requests belongs to a thread group of this instance, and so do the threads DynamoDB
 * Local starts while serving them; one of those sleeps for minutes and is not a daemon, so {@link #close()}
 * interrupts the group, or a program could not exit until it woke.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    /** DynamoDB Local accepts access keys of letters and digits only. */
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";
    /** Any region: the database is shared by every key and region. */
    public static final String REGION = "us-east-1";

    private static final long THREADS_END_MILLIS = 5_000;
    /**
     * sqlite4java logs through java.util.logging and warns "unknown jar version" when its jar is shaded; the
     * logger is held here so that the level set on it is not lost to garbage collection.
     */
    private static final Logger SQLITE_LOG = Logger.getLogger("com.almworks.sqlite4java");

    private final Server jetty;
    private final LocalDynamoDBServerHandler handler;
    private final ThreadGroup threads;
    private final URI endpoint;
    private boolean closed;

    private EmbeddedDynamoDb(Server jetty, LocalDynamoDBServerHandler handler, ThreadGroup threads, URI endpoint) {
        this.jetty = jetty;
        this.handler = handler;
        this.threads = threads;
        this.endpoint = endpoint;
    }

    /** Starts an empty in-memory database. */
    public static EmbeddedDynamoDb start() {
        SQLITE_LOG.setLevel(Level.SEVERE);
        // authority level 0 as the launcher passes; in memory; no file; one database for all keys and regions;
        // no artificial delay of CREATING/DELETING table states
        LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(
                new LocalDynamoDBRequestHandler(0, true, null, true, false), null);
        ThreadGroup group = new ThreadGroup("dynamodb-local");
        QueuedThreadPool threads = new QueuedThreadPool(32, 2, 60_000, -1, new LinkedBlockingQueue<>(), group);
        threads.setName("dynamodb-local");
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(new ContextHandler(handler, "/"));
        jetty.setStopAtShutdown(false);
        try {
            jetty.start();
        } catch (Exception e) {
            stopQuietly(jetty, handler, group);
            throw new IllegalStateException("DynamoDB Local did not start: " + e.getMessage(), e);
        }
        return new EmbeddedDynamoDb(jetty, handler, group, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI endpoint() {
        return endpoint;
    }

    /** A client for this database with the URL-connection HTTP client the consumer uses. */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** Stops serving and drops the database. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            stopQuietly(jetty, handler, threads);
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
