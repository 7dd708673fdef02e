package io.msklambda.local.up;

import io.msklambda.local.kafka.EmbeddedKafka;
import io.msklambda.local.stack.Exposure;
import io.msklambda.local.stack.OptionCheck;
import io.msklambda.local.stack.Services;
import io.msklambda.producer.AuthMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code msk-local up} serves and where, checked when built, so that a bad option fails before anything starts.
 *
 * @param kafkaPort    broker i's listener for programs on this machine is {@code 127.0.0.1:(kafkaPort + i - 1)};
 *                     0 for ports the OS chooses, as for every port here
 * @param dockerPort   broker i's listener for containers is {@code bind:(dockerPort + i - 1)}, advertised as
 *                     {@code dockerHost:(dockerPort + i - 1)}
 * @param dynamoDbPort DynamoDB Local's port, on {@code bind}
 * @param bind         the address the containers' listener and DynamoDB Local listen on
 * @param dockerHost   the name containers reach this machine by
 * @param auth         how clients authenticate; both Kafka listeners serve it
 * @param brokers      brokers of the cluster
 * @param partitions   partitions of the topic
 */
public record UpOptions(
        int kafkaPort,
        int dockerPort,
        int dynamoDbPort,
        String bind,
        String dockerHost,
        AuthMode auth,
        int brokers,
        int partitions) {

    /** Kafka's own default port, which MSK's plaintext listener also uses. */
    public static final int DEFAULT_KAFKA_PORT = 9092;
    /** Two above 9092, so that two brokers fit below it. */
    public static final int DEFAULT_DOCKER_PORT = 9094;
    /** DynamoDB Local's own default port. */
    public static final int DEFAULT_DYNAMODB_PORT = 8000;

    public static final String DEFAULT_BIND = "127.0.0.1";
    /** The name Docker Desktop gives the host, and the one {@code --add-host ...:host-gateway} gives it on Linux. */
    public static final String DEFAULT_DOCKER_HOST = "host.docker.internal";

    private static final String LOOPBACK = "127.0.0.1";

    public UpOptions {
        Objects.requireNonNull(auth, "auth");
        OptionCheck.require(bind != null && !bind.isBlank(), "--bind", bind, "must be an address of this machine");
        OptionCheck.require(
                dockerHost != null && !dockerHost.isBlank() && !dockerHost.equals("0.0.0.0"),
                "--docker-host",
                dockerHost,
                "must be the name containers reach this machine by");
        OptionCheck.range(brokers, 1, EmbeddedKafka.MAX_BROKERS, "--brokers");
        OptionCheck.range(partitions, 1, 1000, "--partitions");
        List<PortRange> ranges = List.of(
                new PortRange("--kafka-port", kafkaPort, brokers),
                new PortRange("--docker-port", dockerPort, brokers),
                new PortRange("--dynamodb-port", dynamoDbPort, 1));
        ranges.forEach(PortRange::check);
        for (int i = 0; i < ranges.size(); i++) {
            for (int j = i + 1; j < ranges.size(); j++) {
                ranges.get(j).requireApartFrom(ranges.get(i));
            }
        }
    }

    /** Where the services listen. */
    public Exposure exposure() {
        return new Exposure(kafkaPort, dockerHost, dockerPort, bind, dynamoDbPort);
    }

    /** The services to start: the embedded ones, with the template's topic and tables. */
    public Services services(TemplateNames names) {
        return new Services(
                names.topic(), partitions, brokers, null, auth, null, names.aggregatesTable(), names.rejectsTable());
    }

    /** Every fixed port, each with the option that chose it, in the order the options are listed. */
    public List<PortClaim> claims() {
        List<PortClaim> claims = new ArrayList<>();
        for (int id = 1; id <= brokers && kafkaPort != 0; id++) {
            claims.add(new PortClaim("--kafka-port", kafkaPort, broker(id), LOOPBACK, kafkaPort + id - 1));
        }
        for (int id = 1; id <= brokers && dockerPort != 0; id++) {
            claims.add(new PortClaim(
                    "--docker-port", dockerPort, broker(id) + " (containers)", bind, dockerPort + id - 1));
        }
        if (dynamoDbPort != 0) {
            claims.add(new PortClaim("--dynamodb-port", dynamoDbPort, "DynamoDB Local", bind, dynamoDbPort));
        }
        return claims;
    }

    private String broker(int id) {
        return brokers == 1 ? "the broker" : "broker " + id;
    }

    /** The ports an option fixes: {@code count} from {@code first}, or none when it is 0. */
    private record PortRange(String option, int first, int count) {

        int last() {
            return first + count - 1;
        }

        void check() {
            OptionCheck.require(
                    first >= 0 && last() <= 65_535,
                    option,
                    first,
                    count == 1
                            ? "must be 0 (a port the OS chooses) to 65535"
                            : "must be 0 (ports the OS chooses) or a port from which " + count
                                    + " brokers' ports fit below 65536");
        }

        void requireApartFrom(PortRange other) {
            boolean overlap = first != 0 && other.first != 0 && first <= other.last() && other.first <= last();
            OptionCheck.require(
                    !overlap,
                    option,
                    first,
                    span() + " and " + other.option + "'s " + other.span()
                            + " overlap; every listener needs a port of its own, e.g. " + option + " "
                            + (other.last() + 1));
        }

        private String span() {
            return count == 1 ? "port " + first : "ports " + first + "-" + last();
        }
    }
}
