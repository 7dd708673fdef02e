package io.msklambda.tests.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msklambda.local.cli.MskLocal;
import io.msklambda.local.faults.FaultSpec;
import io.msklambda.local.faults.FaultSpec.Kind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * {@code --fault KIND@AT[/FOR]}: what {@code msk-local pipeline} makes of it, and what it says about input it
 * cannot take. Parsing only: nothing here starts a broker or DynamoDB Local.
 */
class FaultOptionsTest {

    /** Exit code, standard output, standard error. */
    private record Run(int exit, String out, String err) {}

    private static List<FaultSpec> parse(String... faults) {
        String[] args = new String[1 + 2 * faults.length];
        args[0] = "pipeline";
        for (int i = 0; i < faults.length; i++) {
            args[1 + 2 * i] = "--fault";
            args[2 + 2 * i] = faults[i];
        }
        ParseResult result = MskLocal.commandLine().parseArgs(args);
        return result.subcommand().matchedOptionValue("--fault", List.of());
    }

    private static Run pipeline(String fault) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = MskLocal.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute("pipeline", "--fault", fault);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    /** A rejected fault: a usage error, the reason on the first line of stderr, nothing on stdout. */
    private static void assertRejected(String fault, String reason) {
        Run run = pipeline(fault);

        assertThat(run.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(firstLine(run.err())).isEqualTo("Invalid value for option '--fault' (KIND@AT[/FOR]): " + reason);
    }

    @Test
    void brokerKillTakesAStartAndADuration() {
        // Given / When
        List<FaultSpec> faults = parse("broker-kill@10s/10s");

        // Then
        assertThat(faults)
                .containsExactly(new FaultSpec(Kind.BROKER_KILL, Duration.ofSeconds(10), Duration.ofSeconds(10)));
    }

    @Test
    void brokerRestartTakesOnlyAStartAndLastsNoFixedTime() {
        List<FaultSpec> faults = parse("broker-restart@20s");

        assertThat(faults).containsExactly(new FaultSpec(Kind.BROKER_RESTART, Duration.ofSeconds(20), Duration.ZERO));
    }

    @Test
    void dynamoDbThrottleTakesMillisecondsAndSeconds() {
        List<FaultSpec> faults = parse("dynamodb-throttle@500ms/2s");

        assertThat(faults)
                .containsExactly(new FaultSpec(Kind.DYNAMODB_THROTTLE, Duration.ofMillis(500), Duration.ofSeconds(2)));
    }

    @Test
    void repeatedFaultOptionsKeepTheOrderTheyWereTyped() {
        List<FaultSpec> faults = parse("dynamodb-outage@15s/10s", "broker-kill@10s/10s");

        assertThat(faults)
                .containsExactly(
                        new FaultSpec(Kind.DYNAMODB_OUTAGE, Duration.ofSeconds(15), Duration.ofSeconds(10)),
                        new FaultSpec(Kind.BROKER_KILL, Duration.ofSeconds(10), Duration.ofSeconds(10)));
    }

    @Test
    void kindIsReadWhateverItsCase() {
        List<FaultSpec> faults = parse("Broker-Kill@1m/30s");

        assertThat(faults)
                .containsExactly(new FaultSpec(Kind.BROKER_KILL, Duration.ofMinutes(1), Duration.ofSeconds(30)));
    }

    @Test
    void aFaultPrintsAsItIsTyped() {
        // Given a fault built in code
        FaultSpec kill = new FaultSpec(Kind.BROKER_KILL, Duration.ofSeconds(10), Duration.ofSeconds(10));

        // When / Then it prints as a user types it
        assertThat(kill).hasToString("broker-kill@10s/10s");
    }

    @Test
    void typedFaultsPrintBackAsTypedAndParseBackToTheSameFault() {
        // Given faults as typed, whole seconds, below a second, and without a duration
        List<String> typed = List.of(
                "broker-kill@10s/10s",
                "broker-restart@20s",
                "dynamodb-throttle@500ms/2s",
                "dynamodb-outage@1500ms/10s");

        // When parsed, printed, and parsed again
        List<FaultSpec> parsed = parse(typed.toArray(String[]::new));
        List<String> printed = parsed.stream().map(FaultSpec::toString).toList();
        List<FaultSpec> reparsed = parse(printed.toArray(String[]::new));

        // Then nothing is lost either way
        assertThat(printed).isEqualTo(typed);
        assertThat(reparsed).isEqualTo(parsed);
    }

    @Test
    void unknownKindIsRejectedListingEveryKind() {
        assertRejected(
                "broker-reboot@10s",
                "unknown fault 'broker-reboot'; the faults are broker-restart, broker-kill, dynamodb-outage, dynamodb-throttle");
    }

    @Test
    void faultWithoutAnAtSignIsRejectedShowingTheShape() {
        assertRejected(
                "broker-kill",
                "'broker-kill' is not a fault: use KIND@AT[/FOR], e.g. broker-kill@10s/10s or broker-restart@20s");
    }

    @Test
    void brokerKillWithoutADurationIsRejectedShowingHowToGiveOne() {
        assertRejected("broker-kill@10s", "broker-kill needs a duration: broker-kill@AT/FOR, e.g. broker-kill@10s/10s");
    }

    @Test
    void dynamoDbOutageOfZeroSecondsIsRejectedAsWithoutADuration() {
        assertRejected(
                "dynamodb-outage@10s/0s",
                "dynamodb-outage needs a duration: dynamodb-outage@AT/FOR, e.g. dynamodb-outage@10s/10s");
    }

    @Test
    void brokerRestartWithADurationIsRejectedSayingItLastsUntilEveryBrokerRestarted() {
        assertRejected(
                "broker-restart@20s/10s",
                "broker-restart takes no duration (it lasts until every broker has "
                        + "restarted): broker-restart@AT, e.g. broker-restart@10s");
    }

    @Test
    void negativeStartIsRejectedAsNotADuration() {
        assertRejected(
                "broker-kill@-5s/10s", "'-5s' is not a duration: use 500ms, 30s, 1m, 2h or ISO-8601 such as PT1M");
    }

    @Test
    void negativeIsoStartIsRejectedSayingTheTimeMustBeZeroOrLater() {
        assertRejected("broker-kill@PT-5S/10s", "broker-kill: the time must be 0 or later: PT-5S");
    }

    @Test
    void garbledDurationIsRejectedShowingTheDurationsThereAre() {
        assertRejected(
                "dynamodb-throttle@10s/a-while",
                "'a-while' is not a duration: use 500ms, 30s, 1m, 2h or ISO-8601 such as PT1M");
    }

    @Test
    void emptyStartIsRejectedAsNotADuration() {
        assertRejected("broker-restart@", "'' is not a duration: use 500ms, 30s, 1m, 2h or ISO-8601 such as PT1M");
    }

    @Test
    void faultBuiltInCodeWithANegativeStartIsRejected() {
        assertThatThrownBy(() -> new FaultSpec(Kind.DYNAMODB_OUTAGE, Duration.ofSeconds(-1), Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dynamodb-outage: the time must be 0 or later: PT-1S");
    }

    @Test
    void parsingAnUnknownKindInCodeListsTheKinds() {
        assertThatThrownBy(() -> Kind.of("kafka-outage"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "unknown fault 'kafka-outage'; the faults are broker-restart, broker-kill, dynamodb-outage, "
                                + "dynamodb-throttle");
    }
}
