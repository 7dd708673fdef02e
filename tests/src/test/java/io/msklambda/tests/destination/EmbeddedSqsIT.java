package io.msklambda.tests.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msklambda.local.destination.EmbeddedSqs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** ElasticMQ in this JVM: where it listens, its queues, how it stops, and that it runs from the shaded jar. */
class EmbeddedSqsIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void listensOnLoopbackOnAnEphemeralPortAndServesTheQueuesItCreates() {
        // Given a server on an ephemeral port
        try (EmbeddedSqs sqs = EmbeddedSqs.start();
                SqsClient client = sqs.client()) {

            // When a queue is created, twice, and a message goes through it
            String url = sqs.createQueue("orders-on-failure");
            String again = sqs.createQueue("orders-on-failure");
            client.sendMessage(request -> request.queueUrl(url).messageBody("{\"hello\":\"sqs\"}"));
            List<Message> received =
                    client.receiveMessage(request -> request.queueUrl(url)).messages();

            // Then the endpoint is 127.0.0.1 on a real port, the queue URL is SQS's shape and the message came back
            assertThat(sqs.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(sqs.endpoint().getPort()).isPositive();
            assertThat(url)
                    .isEqualTo(sqs.endpoint() + "/000000000000/orders-on-failure")
                    .isEqualTo(again);
            assertThat(received).extracting(Message::body).containsExactly("{\"hello\":\"sqs\"}");
        }
    }

    @Test
    void listensOnTheGivenPort() throws IOException {
        // Given a port that was free a moment ago
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }

        // When the server starts on it
        try (EmbeddedSqs sqs = EmbeddedSqs.start(port)) {

            // Then it serves there
            assertThat(sqs.endpoint()).isEqualTo(URI.create("http://127.0.0.1:" + port));
            assertThat(sqs.createQueue("q")).isEqualTo("http://127.0.0.1:" + port + "/000000000000/q");
        }
    }

    @Test
    void stopsWithinSecondsLeavingNoThreadOfItsOwnAndRefusingClients() {
        // Given a server that has served a request, and the threads alive before it started
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        EmbeddedSqs sqs = EmbeddedSqs.start();
        String url = sqs.createQueue("q");
        SqsClient client = sqs.client();
        client.sendMessage(request -> request.queueUrl(url).messageBody("x"));

        // When it is closed
        long start = System.nanoTime();
        sqs.close();
        Duration stopping = Duration.ofNanos(System.nanoTime() - start);

        // Then that was quick, none of its threads is left, and a client's next request fails
        assertThat(stopping).isLessThan(Duration.ofSeconds(3));
        assertThat(newThreads(before)).isEmpty();
        assertThatThrownBy(() ->
                        client.sendMessage(request -> request.queueUrl(url).messageBody("y")))
                .isInstanceOf(SdkClientException.class);
        client.close();
    }

    @Test
    void printsNothingWhileItStartsServesAndStops() {
        // Given the console captured
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            // When a server starts, creates a queue and stops
            try (EmbeddedSqs sqs = EmbeddedSqs.start()) {
                sqs.createQueue("quiet");
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        // Then neither ElasticMQ nor Pekko logged a line at their usual INFO
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void startsFromTheShadedJarAndLetsTheJvmExitAfterClose(@TempDir Path dir) throws Exception {
        // Given the shaded msk-local.jar, and this test's classes after it for the probe alone
        Path jar = ROOT.resolve("local-runtime/target/msk-local.jar");
        String probeClasses = Path.of(EmbeddedSqsProbe.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        Path output = dir.resolve("out.txt");
        Path errors = dir.resolve("err.txt");

        // When a fresh JVM starts EmbeddedSqs from it, sends and receives a message, closes it and returns from main
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        jar + java.io.File.pathSeparator + probeClasses,
                        EmbeddedSqsProbe.class.getName())
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        process.destroyForcibly();

        // Then Pekko found its settings (reference.conf merged), the message came back, and the JVM exited by itself
        assertThat(exited)
                .as("the JVM exited by itself: %s", Files.readString(errors))
                .isTrue();
        assertThat(process.exitValue()).as(Files.readString(errors)).isZero();
        assertThat(Files.readString(output))
                .matches("received \\{\"from\":\"the shaded jar\"} from "
                        + "http://127\\.0\\.0\\.1:\\d+/000000000000/probe\\R");
        assertThat(Files.readString(errors)).isEmpty();
    }

    /** Threads started since {@code before} that are the server's or not daemons, after 5 s for them to end. */
    private static Set<String> newThreads(Set<Thread> before) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Set<String> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> !before.contains(thread) && thread.isAlive())
                    // the server's (Pekko names them after the actor system), and any that would keep a JVM alive
                    .filter(thread -> thread.getName().startsWith("elasticmq") || !thread.isDaemon())
                    .map(thread -> thread.getName() + (thread.isDaemon() ? " (daemon)" : ""))
                    .collect(Collectors.toSet());
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        return left;
    }
}
