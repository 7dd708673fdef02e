package io.msklambda.tests.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code msk-local up} running from the built jar as a process of its own, as a user runs it: what it printed, and
 * a signal to stop it. Also runs the jar's other commands, and Kafka's console tools, the way a container resolves
 * {@code host.docker.internal}: to this machine.
 */
public final class UpProcess implements AutoCloseable {

    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    public static final Path JAR = ROOT.resolve("local-runtime/target/msk-local.jar");
    public static final Duration PATIENCE = Duration.ofMinutes(2);

    private final Process process;
    private final Path output;

    /** What a command printed (standard output and error together), and its exit code. */
    public record Run(int exit, String output) {}

    private UpProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code up} with {@code options} and waits until it is ready. */
    public static UpProcess start(Path directory, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString(), "up"));
        command.addAll(List.of(options));
        Path output = directory.resolve("up.txt");
        UpProcess up = new UpProcess(
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start(),
                output);
        up.awaitOutput("up: ready in");
        return up;
    }

    /** Everything it printed so far. */
    public String output() {
        return read(output);
    }

    /** The first match of {@code pattern} in what it printed; fails the test if there is none. */
    public Matcher find(Pattern pattern) {
        return find(pattern, output());
    }

    /** Sends {@code signal} ({@code INT}, {@code TERM}) and returns the exit code once it ended. */
    public int stop(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
        assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .as(output())
                .isTrue();
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /**
     * Runs {@code command} to its end with {@code input} on its standard input, resolving
     * {@code host.docker.internal} to 127.0.0.1 as Docker Desktop's containers do (a hosts file of the JVM's own,
     * handed to every JVM it starts through {@code JAVA_TOOL_OPTIONS}).
     *
     * @param environment {@code NAME=value} pairs to add to its environment
     */
    public static Run runAsInAContainer(Path directory, List<String> environment, List<String> command, String input)
            throws IOException, InterruptedException {
        Path hosts =
                Files.writeString(directory.resolve("hosts"), "127.0.0.1 host.docker.internal\n127.0.0.1 localhost\n");
        Path printed = Files.createTempFile(directory, "run-", ".txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(printed.toFile());
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Djdk.net.hosts.file=" + hosts);
        List.of("AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")
                .forEach(builder.environment()::remove);
        for (String pair : environment) {
            builder.environment().put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        Process process = builder.start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .as(read(printed))
                .isTrue();
        return new Run(process.exitValue(), read(printed));
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static Matcher find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in:%n%s", pattern, text).isTrue();
        return matcher;
    }

    private void awaitOutput(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!output().contains(expected)) {
            assertThat(process.isAlive())
                    .as("up ended before it was ready:%n%s", output())
                    .isTrue();
            assertThat(System.nanoTime())
                    .as("waiting for %s in:%n%s", expected, output())
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
