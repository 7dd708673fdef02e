package io.msklambda.local.faults;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One fault on the run's schedule: what, when (from the run's start) and for how long.
 *
 * @param kind     what goes wrong
 * @param at       when, from the start of the run
 * @param duration how long it lasts; zero for a {@link Kind#BROKER_RESTART}, which lasts as long as it takes
 */
public record FaultSpec(Kind kind, Duration at, Duration duration) {

    /** The faults the local world can inject. */
    public enum Kind {
        /** Every broker in turn: controlled shutdown, start, wait until no partition is under-replicated. */
        BROKER_RESTART("broker-restart", true, false),
        /** The leader of partition 0 stopped hard for a while, then started again with its data. */
        BROKER_KILL("broker-kill", true, true),
        /** DynamoDB unreachable (connections refused) for a while, then back with its data. */
        DYNAMODB_OUTAGE("dynamodb-outage", false, true),
        /** DynamoDB answers every request with a throttling error for a while. */
        DYNAMODB_THROTTLE("dynamodb-throttle", false, true);

        private final String label;
        private final boolean kafka;
        private final boolean lasts;

        Kind(String label, boolean kafka, boolean lasts) {
            this.label = label;
            this.kafka = kafka;
            this.lasts = lasts;
        }

        /** Whether it acts on the Kafka cluster (else on DynamoDB). */
        public boolean onKafka() {
            return kafka;
        }

        /** Whether it takes a duration ({@code /FOR}). */
        public boolean lasts() {
            return lasts;
        }

        /** The name users type, e.g. {@code broker-kill}. */
        public String label() {
            return label;
        }

        /** @throws IllegalArgumentException naming the kinds there are */
        public static Kind of(String label) {
            return Arrays.stream(values())
                    .filter(kind -> kind.label.equals(label.toLowerCase(Locale.ROOT)))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown fault '" + label + "'; the faults are "
                            + Arrays.stream(values()).map(Kind::label).collect(Collectors.joining(", "))));
        }
    }

    public FaultSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        if (at.isNegative()) {
            throw new IllegalArgumentException(kind.label + ": the time must be 0 or later: " + at);
        }
        if (kind.lasts && (duration == null || duration.isZero() || duration.isNegative())) {
            throw new IllegalArgumentException(
                    kind.label + " needs a duration: " + kind.label + "@AT/FOR, e.g. " + kind.label + "@10s/10s");
        }
        if (!kind.lasts && duration != null && !duration.isZero()) {
            throw new IllegalArgumentException(takesNoDuration(kind));
        }
        if (duration == null) {
            duration = Duration.ZERO;
        }
    }

    /** Why {@code kind} refuses a {@code /FOR}. */
    public static String takesNoDuration(Kind kind) {
        return kind.label + " takes no duration (it lasts until every broker has restarted): " + kind.label
                + "@AT, e.g. " + kind.label + "@10s";
    }

    /** As typed: {@code broker-kill@10s/10s}. */
    @Override
    public String toString() {
        return kind.label + "@" + seconds(at) + (kind.lasts ? "/" + seconds(duration) : "");
    }

    /** {@code 10s}, or {@code 500ms} below a whole second. */
    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
