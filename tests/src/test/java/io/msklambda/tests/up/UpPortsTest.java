package io.msklambda.tests.up;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.tests.support.Cli;
import io.msklambda.tests.support.Cli.Run;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code msk-local up}'s ports: a port it cannot have is named in one line before anything starts. */
class UpPortsTest {

    private static final String TEMPLATE =
            Path.of("..", "template.yaml").toAbsolutePath().normalize().toString();

    @ParameterizedTest
    @CsvSource({"--kafka-port, the broker", "--docker-port, the broker (containers)", "--dynamodb-port, DynamoDB Local"
    })
    void aPortInUseIsNamedInOneLineWithItsOptionAndNothingStarts(String option, String what) throws IOException {
        try (ServerSocketChannel taken = ServerSocketChannel.open()) {
            // Given a port another program listens on
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();

            // When up is to listen there
            Run run = upWith(option, port);

            // Then it says so in one line and exits 2, having started nothing
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err())
                    .matches("up: " + option + " " + port + ": cannot listen on 127\\.0\\.0\\.1:" + port + " for "
                            + what.replace("(", "\\(").replace(")", "\\)") + " \\(.+\\)\\R");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void threeBrokersOnTheDefaultPortsAreToldWhichPortsOverlap() {
        Run run = run("up", "--template", TEMPLATE, "--brokers", "3");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .startsWith("--docker-port 9094: ports 9094-9096 and --kafka-port's ports 9092-9094 "
                        + "overlap; every listener needs a port of its own, e.g. --docker-port 9095");
        assertThat(run.out()).isEmpty();
    }

    /** up with every port the OS's choice but {@code option}'s. */
    private static Run upWith(String option, int port) {
        List<String> args = new ArrayList<>(List.of("up", "--template", TEMPLATE));
        for (String portOption : List.of("--kafka-port", "--docker-port", "--dynamodb-port")) {
            args.addAll(List.of(portOption, portOption.equals(option) ? Integer.toString(port) : "0"));
        }
        return run(args.toArray(String[]::new));
    }

    private static Run run(String... args) {
        return Cli.run(args);
    }
}
