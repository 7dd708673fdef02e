package io.msklambda.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.tests.support.Cli;
import io.msklambda.tests.support.Cli.Run;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code msk-local pipeline} when something is wrong, as a user meets it: one line naming the option, the value and
 * what is allowed (exit 2), or the endpoint that does not answer and how long it waited (exit 3), before any service
 * starts, and never the whole usage text or a stack trace.
 */
class PipelineFailuresTest {

    private static final String TEMPLATE = "../template.yaml";
    private static final String HINT = "Try 'msk-local pipeline --help' for more information.";

    private static Run pipeline(String... options) {
        List<String> args = new ArrayList<>(List.of("pipeline", "--template", TEMPLATE));
        args.addAll(List.of(options));
        return Cli.run(args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            --window-seconds     | 0     | --window-seconds 0: must be 1 to 86400
            --batch-size         | 20000 | --batch-size 20000: must be 1 to 10000
            --run-seconds        | 1000  | --run-seconds (MAX_RUN_SEC) 1000: must be 1 to 900
            --devices            | 0     | --devices (DEVICE_COUNT) 0: must be 1 to 1000000
            --topic              | a/b   | --topic 'a/b': Topic name is invalid: 'a/b' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'
            --aggregates-table   | x     | --aggregates-table 'x': must be a DynamoDB table name: 3 to 255 letters, digits, '_', '-' or '.'
            --window-seconds     | ten   | Invalid value for option '--window-seconds': 'ten' is not an int
            """)
    void aBadOptionIsOneLineAndAHintWithExitTwoAndNothingStarted(String option, String value, String line) {
        Run run = pipeline(option, value);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(line, HINT);
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            env-write-concurrency-zero.json   | ConsumerFunction: WRITE_CONCURRENCY='0' is not allowed: a whole number from 1 to 64
            env-flush-timeout-too-short.json  | ProducerFunction: FLUSH_TIMEOUT_MS='1' is not allowed: a whole number from 100 to 120000
            """)
    void aFunctionVariableTheRunHasNoFlagForIsCheckedAsTheFunctionsInitChecksIt(String envVars, String line) {
        Run run = pipeline(
                "--env-vars", Path.of("src/test/resources/cli", envVars).toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(line, HINT);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnknownOptionIsNamedWithTheNearestOne() {
        Run run = pipeline("--bootstrap-server", "b:9098");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.errLines()).first().isEqualTo("Unknown options: '--bootstrap-server', 'b:9098'");
        assertThat(run.errLines())
                .contains("Possible solutions: --bootstrap-servers")
                .last()
                .isEqualTo(HINT);
        assertThat(run.err()).doesNotContain("Usage:");
    }

    @Test
    void aBrokerNameThatDoesNotResolveIsOneLineWithExitThreeBeforeAnythingStarts() {
        Run run = pipeline("--bootstrap-servers", "nohost.invalid:9098");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err())
                .isEqualTo("pipeline: --bootstrap-servers nohost.invalid:9098: no host name resolves "
                        + "(nohost.invalid: no such host)" + System.lineSeparator());
        assertThat(run.out()).doesNotContain("embedded");
    }

    @Test
    void aBrokerThatRefusesConnectionsIsOneLineNamingTheWait() throws IOException {
        int closed = Cli.closedPort();

        Run run = pipeline("--bootstrap-servers", "127.0.0.1:" + closed);

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err())
                .isEqualTo("pipeline: --bootstrap-servers 127.0.0.1:" + closed + ": a broker did not "
                        + "accept a connection within 5 s (127.0.0.1:" + closed + ": Connection refused)"
                        + System.lineSeparator());
        assertThat(run.out()).doesNotContain("embedded");
    }
}
