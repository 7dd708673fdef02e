package io.msklambda.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A side of a benchmark in a fresh JVM on this JVM's class path, on the cores it is given: {@code taskset -c} pins it
 * where taskset exists (Linux), so that a broker and its client do not take CPU from each other. The child's standard
 * error goes to a file whose tail a failure quotes; its services log warnings only.
 */
final class BenchJvm {

    /** A set of cores, or any core where they cannot be pinned. */
    record Cores(String list, String description) {

        static final Cores ANY = new Cores("", "any core");

        private List<String> prefix() {
            return list.isEmpty() ? List.of() : List.of("taskset", "-c", list);
        }
    }

    /**
     * Where a broker and its client run: the broker on the last core, the client on the first, when there are two
     * cores or more and taskset is on the PATH; both on any core otherwise.
     *
     * @param wide the client's cores when it may use every core but the broker's, or every core on two
     */
    record Layout(Cores broker, Cores client, Cores wide) {

        static Layout detect() {
            int cores = Runtime.getRuntime().availableProcessors();
            if (cores < 2 || tasksetOnPath().isEmpty()) {
                return new Layout(Cores.ANY, Cores.ANY, Cores.ANY);
            }
            int last = cores - 1;
            String wide = cores == 2 ? "0,1" : "0-" + (last - 1);
            return new Layout(
                    new Cores(Integer.toString(last), "core " + last),
                    new Cores("0", "core 0"),
                    new Cores(wide, cores == 2 ? "cores 0-1, sharing core 1 with the broker" : "cores " + wide));
        }

        String describe() {
            return broker.list().isEmpty()
                    ? "not pinned (taskset not found, or one core): broker and client share the cores"
                    : "broker on " + broker.description() + ", client on " + client.description() + " (taskset)";
        }
    }

    private BenchJvm() {}

    /** Starts {@code main} with {@code args} on {@code cores}; its standard error goes to {@code errors}. */
    static Process start(Cores cores, Class<?> main, List<String> args, Path errors) {
        List<String> command = new ArrayList<>(cores.prefix());
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        try {
            return new ProcessBuilder(command).redirectError(errors.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot start "
                            + String.join(" ", command.subList(0, cores.prefix().size() + 1)),
                    e);
        }
    }

    /** Runs {@code main} to its end and returns its standard output; a failed run throws with its error output. */
    static String run(Cores cores, Class<?> main, List<String> args) throws InterruptedException {
        Path errors = temporaryFile(main.getSimpleName());
        Process process = start(cores, main, args, errors);
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(main.getSimpleName() + " " + String.join(" ", args) + " exited with "
                        + exit + ": " + tail(errors));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            process.destroyForcibly();
            deleteQuietly(errors);
        }
    }

    static Path temporaryFile(String prefix) {
        try {
            return Files.createTempFile(prefix, ".err");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of a child's error output. */
    static String tail(Path errors) {
        try {
            List<String> lines = Files.readAllLines(errors, StandardCharsets.UTF_8);
            return lines.isEmpty()
                    ? "(no error output)"
                    : String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(its error output is unreadable: " + e.getMessage() + ")";
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file left behind is harmless
        }
    }

    private static Optional<Path> tasksetOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .map(directory -> Path.of(directory, "taskset"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
