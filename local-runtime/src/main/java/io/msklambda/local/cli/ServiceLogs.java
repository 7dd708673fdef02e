package io.msklambda.local.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * How much the services say on the console. Kafka's brokers and clients, DynamoDB Local and ElasticMQ log through
 * slf4j-simple (configured by simplelogger.properties, which the tests and {@code --verbose} runs keep): at its WARN
 * level a run still prints the clients' retries while a broker restarts, the metadata warnings of a fresh cluster and
 * the services' start and stop lines, none of which a user can act on, as the run's own lines say what happened. A
 * command without {@code --verbose} keeps only the warnings and errors of this project's own code (e.g. the IAM
 * connection limit refusing connections) and the IAM access control's refusals. System properties win over the file, and slf4j-simple reads them when a
 * logger is made: this runs after the command line is parsed and before the command makes any.
 */
final class ServiceLogs {

    private static final String PREFIX = "org.slf4j.simpleLogger.";
    private static final String LOGGER = PREFIX + "log.";
    /** The loggers of the services: every logger under these names is silenced, the file's own entries included. */
    private static final List<String> SERVICES = List.of(
            "org.apache.kafka",
            "kafka",
            "state.change.logger",
            "org.eclipse.jetty",
            "com.amazonaws",
            "org.elasticmq",
            "org.apache.pekko");

    private ServiceLogs() {}

    /** Quiet unless {@code verbose}; a level set with -D on the command line stays. */
    static void configure(boolean verbose) {
        if (verbose) {
            return;
        }
        System.getProperties().putIfAbsent(PREFIX + "defaultLogLevel", "warn");
        // what the IAM access control refuses a client, as it happens: a user's own tool (up) learns it nowhere else
        System.getProperties().putIfAbsent(LOGGER + "io.msklambda.local.kafka.authz", "info");
        SERVICES.forEach(name -> System.getProperties().putIfAbsent(LOGGER + name, "off"));
        // a more specific name in the file wins over the service's own entry: silence those too
        for (String key : fileSettings().stringPropertyNames()) {
            if (key.startsWith(LOGGER) && SERVICES.stream().anyMatch(key.substring(LOGGER.length())::startsWith)) {
                System.getProperties().putIfAbsent(key, "off");
            }
        }
    }

    private static Properties fileSettings() {
        Properties file = new Properties();
        try (InputStream in = ServiceLogs.class.getClassLoader().getResourceAsStream("simplelogger.properties")) {
            if (in != null) {
                file.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
