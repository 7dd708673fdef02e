package io.msklambda.tests.up;

import static io.msklambda.tests.support.UpProcess.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.local.dynamodb.EmbeddedDynamoDb;
import io.msklambda.local.pipeline.ExitCode;
import io.msklambda.tests.support.StoredItems;
import io.msklambda.tests.support.TopicContents;
import io.msklambda.tests.support.UpProcess;
import io.msklambda.tests.support.UpProcess.Run;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code msk-local up} as a user runs it: the services on the endpoints it prints, for programs on this machine and
 * for containers, the functions run with {@code events/env.json} and {@code events/env-host.json}, until Ctrl-C. One
 * {@code up} for the class, on ports the OS chooses; the last test stops it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpCommandIT {

    private static final Pattern HOST_KAFKA =
            Pattern.compile("Kafka, programs on this machine: (127\\.0\\.0\\.1:(\\d+)) \\(PLAINTEXT\\)");
    private static final Pattern CONTAINER_KAFKA =
            Pattern.compile("Kafka, containers: +host\\.docker\\.internal:(\\d+) \\(listening on 127\\.0\\.0\\.1\\)");
    private static final Pattern DYNAMODB = Pattern.compile(
            "DynamoDB Local: +(http://127\\.0\\.0\\.1:(\\d+)), containers: http://host\\.docker\\.internal:(\\d+)");
    private static final Pattern DATA_DIRECTORY = Pattern.compile("data in (\\S+) \\(deleted at the end");

    @TempDir
    static Path dir;

    private static UpProcess up;
    private static String bootstrapServers;
    private static int kafkaPort;
    private static int containerPort;
    private static URI dynamoDbEndpoint;
    private static int dynamoDbPort;

    @BeforeAll
    static void startUp() throws Exception {
        up = UpProcess.start(
                dir,
                "--kafka-port",
                "0",
                "--docker-port",
                "0",
                "--dynamodb-port",
                "0",
                "--template",
                ROOT.resolve("template.yaml").toString());
        Matcher host = up.find(HOST_KAFKA);
        bootstrapServers = host.group(1);
        kafkaPort = Integer.parseInt(host.group(2));
        containerPort = Integer.parseInt(up.find(CONTAINER_KAFKA).group(1));
        Matcher dynamoDb = up.find(DYNAMODB);
        dynamoDbEndpoint = URI.create(dynamoDb.group(1));
        dynamoDbPort = Integer.parseInt(dynamoDb.group(2));
    }

    @AfterAll
    static void stopUp() {
        up.close();
    }

    @Test
    @Order(1)
    void printsWhereProgramsAndContainersFindTheServicesAndHowToUseThem() {
        assertThat(up.output())
                .containsPattern("up: ready in \\d+\\.\\d s; Ctrl-C or SIGTERM stops it and deletes its data")
                .contains("tables:                          AggregatesTable, RejectsTable")
                .contains("topic:                           telemetry, 3 partitions")
                .contains("sam local invoke ConsumerFunction --env-vars events/env.json -e events/msk-orders.json")
                .contains("invoke ProducerFunction --env-vars events/env-host.json -e events/scheduled-event.json")
                .contains("kafka-console-producer.sh --bootstrap-server " + bootstrapServers + " --topic telemetry")
                .contains("events/env.json and events/env-host.json name the default ports and host");
        assertThat(up.find(DYNAMODB).group(3)).isEqualTo(Integer.toString(dynamoDbPort));
        // without --verbose, none of the services' own log lines (the broker's start, Kafka's warnings)
        assertThat(up.output()).doesNotContain("INFO").doesNotContain("WARN");
    }

    @Test
    @Order(2)
    void aRecordRoundTripsThroughTheListenerForThisMachine() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>("telemetry", "17", "{\"device_id\":17}"))
                    .get(30, TimeUnit.SECONDS);
        }

        assertThat(TopicContents.readAll(bootstrapServers, "telemetry"))
                .extracting(r -> new String(r.key(), StandardCharsets.UTF_8) + "="
                        + new String(r.value(), StandardCharsets.UTF_8))
                .contains("17={\"device_id\":17}");
    }

    @Test
    @Order(3)
    void theListenerForContainersAdvertisesTheNameTheyReachThisMachineBy() {
        // a client in a container bootstraps through host.docker.internal, which reaches this listener on 127.0.0.1:
        // the metadata it gets names the brokers host.docker.internal, not 127.0.0.1 (which is the container itself)
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + containerPort,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<PartitionInfo> partitions = consumer.partitionsFor("telemetry", Duration.ofSeconds(30));

            assertThat(partitions)
                    .hasSize(3)
                    .allSatisfy(partition -> assertThat(partition.leader().host() + ":"
                                    + partition.leader().port())
                            .isEqualTo("host.docker.internal:" + containerPort));
        }
    }

    @Test
    @Order(4)
    void dynamoDbLocalHasTheTemplatesTables() {
        try (DynamoDbClient dynamo = dynamo()) {
            assertThat(dynamo.listTables().tableNames()).containsExactly("AggregatesTable", "RejectsTable");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"env.json", "env-host.json"})
    @Order(5)
    void theFunctionsRunWithTheEventsEnvVarsFile(String file) throws Exception {
        // Given the file with this up's ports, where host.docker.internal is this machine as Docker makes it
        Path envVars = withThisUpsPorts(ROOT.resolve("events").resolve(file));

        // When the producer and the consumer run with it
        Run producer = invoke("ProducerFunction", envVars, "events/scheduled-event.json");
        Run consumer = invoke("ConsumerFunction", envVars, "events/msk-orders.json");

        // Then up's broker acknowledges the producer's records and the consumer's windows land in up's table
        assertThat(producer.exit()).as(producer.output()).isZero();
        assertThat(producer.output()).containsPattern("\"attempted\":(\\d+),\"sent\":\\1,\"failed\":0,");
        assertThat(consumer.exit()).as(consumer.output()).isZero();
        assertThat(consumer.output()).containsPattern("\\{\"records\":(\\d+),\"aggregated\":\\1,\"rejected\":0,");
        try (DynamoDbClient dynamo = dynamo()) {
            assertThat(StoredItems.aggregates(dynamo, "AggregatesTable"))
                    .isNotEmpty()
                    .allSatisfy((key, stats) -> assertThat(key).startsWith("orders@"));
        }
    }

    @Test
    @Order(6)
    void ctrlCClosesEverythingDeletesItsDataAndExits130() throws Exception {
        // When the user presses Ctrl-C (SIGINT)
        int exit = up.stop("INT");

        // Then up closes the services, deletes its data, frees its ports and exits 130
        assertThat(exit).as(up.output()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(up.output())
                .contains("SIGINT: stopping", "up: stopping", "up: stopped; its data is deleted")
                .doesNotContain("while closing");
        assertThat(Path.of(up.find(DATA_DIRECTORY).group(1))).doesNotExist();
        assertThat(List.of(kafkaPort, containerPort, dynamoDbPort)).allSatisfy(UpCommandIT::assertFree);
    }

    /** {@code msk-local invoke} with the credentials SAM gives a container when the shell has none. */
    private static Run invoke(String function, Path envVars, String event) throws Exception {
        return UpProcess.runAsInAContainer(
                dir,
                List.of("AWS_ACCESS_KEY_ID=defaultkey", "AWS_SECRET_ACCESS_KEY=defaultsecret"),
                List.of(
                        UpProcess.java(),
                        "-jar",
                        UpProcess.JAR.toString(),
                        "invoke",
                        function,
                        "--env-vars",
                        envVars.toString(),
                        "-e",
                        ROOT.resolve(event).toString(),
                        "-t",
                        ROOT.resolve("template.yaml").toString()),
                "");
    }

    /** The file with up's default ports replaced by this up's. */
    private static Path withThisUpsPorts(Path file) throws IOException {
        String text = Files.readString(file);
        String replaced = text.replace(":9092\"", ":" + kafkaPort + "\"")
                .replace(":9094\"", ":" + containerPort + "\"")
                .replace(":8000\"", ":" + dynamoDbPort + "\"");
        assertThat(replaced).as("%s names up's default ports", file).isNotEqualTo(text);
        return Files.writeString(dir.resolve(file.getFileName()), replaced);
    }

    private static DynamoDbClient dynamo() {
        return DynamoDbClient.builder()
                .endpointOverride(dynamoDbEndpoint)
                .region(Region.of(EmbeddedDynamoDb.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedDynamoDb.ACCESS_KEY, EmbeddedDynamoDb.SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    private static void assertFree(int port) {
        try (ServerSocketChannel channel = ServerSocketChannel.open()) {
            channel.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new AssertionError("port " + port + " is still taken", e);
        }
    }
}
