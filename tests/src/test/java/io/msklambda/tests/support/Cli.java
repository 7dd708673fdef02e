package io.msklambda.tests.support;

import io.msklambda.local.cli.MskLocal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

/** {@code msk-local} run in-process as its main runs it, with what it printed captured. */
public final class Cli {

    private Cli() {}

    /** Exit code, standard output, standard error. */
    public record Run(int exit, String out, String err) {
        public List<String> errLines() {
            return err.lines().toList();
        }
    }

    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = MskLocal.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /**
     * {@code invoke ConsumerFunction} on the repository's template and its telemetry event ({@code events/}), with
     * {@code envVars} as its {@code --env-vars} file.
     */
    public static Run invokeConsumer(Path envVars) {
        return invoke("ConsumerFunction", "events/msk-telemetry.json", envVars);
    }

    /**
     * {@code invoke ProducerFunction} on the repository's template and its scheduled event ({@code events/}), with
     * {@code envVars} as its {@code --env-vars} file.
     */
    public static Run invokeProducer(Path envVars) {
        return invoke("ProducerFunction", "events/scheduled-event.json", envVars);
    }

    private static Run invoke(String function, String event, Path envVars) {
        Path root = Path.of("..").toAbsolutePath().normalize();
        return run(
                "invoke",
                function,
                "-e",
                root.resolve(event).toString(),
                "-t",
                root.resolve("template.yaml").toString(),
                "--env-vars",
                envVars.toString());
    }

    /** A port nothing listens on: bound, then released. */
    public static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
