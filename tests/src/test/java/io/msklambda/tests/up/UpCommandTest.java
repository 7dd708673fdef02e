package io.msklambda.tests.up;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.local.dynamodb.EmbeddedDynamoDb;
import io.msklambda.local.pipeline.Pipeline;
import io.msklambda.tests.support.StoredItems;
import io.msklambda.tests.support.TopicContents;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * {@code msk-local up} as a user runs it, from the built jar: the services on the endpoints it prints, for programs
 * on this machine and for containers, the functions run with {@code events/env.json} and {@code events/env-host.json},
 * until Ctrl-C. One {@code up} for the class, on ports the OS chooses; it is stopped by the last test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpCommandTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = ROOT.resolve("local-runtime/target/msk-local.jar");
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final Pattern HOST_KAFKA = Pattern.compile("Kafka, programs on this machine: (127\\.0\\.0\\.1:(\\d+)) \\(PLAINTEXT\\)");
    private static final Pattern CONTAINER_KAFKA = Pattern.compile("Kafka, containers: +host\\.docker\\.internal:(\\d+) \\(listening on 127\\.0\\.0\\.1\\)");
    private static final Pattern DYNAMODB = Pattern.compile("DynamoDB Local: +(http://127\\.0\\.0\\.1:(\\d+)), containers: http://host\\.docker\\.internal:(\\d+)");
    private static final Pattern DATA_DIRECTORY = Pattern.compile("data in (\\S+) \\(deleted at the end");

    @TempDir
    static Path dir;

    private static Process up;
    private static Path output;
    private static String bootstrapServers;
    private static int kafkaPort;
    private static int containerPort;
    private static URI dynamoDbEndpoint;
    private static int dynamoDbPort;

    /** What a run printed, and how it ended. */
    private record Run(int exit, String output) {
    }

    @BeforeAll
    static void startUp() throws Exception {
        output = dir.resolve("up.txt");
        up = new ProcessBuilder(java(), "-jar", JAR.toString(), "up", "--kafka-port", "0", "--docker-port", "0",
                "--dynamodb-port", "0", "--template", ROOT.resolve("template.yaml").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        String printed = awaitOutput("up: ready in");
        Matcher host = find(HOST_KAFKA, printed);
        bootstrapServers = host.group(1);
        kafkaPort = Integer.parseInt(host.group(2));
        containerPort = Integer.parseInt(find(CONTAINER_KAFKA, printed).group(1));
        Matcher dynamoDb = find(DYNAMODB, printed);
        dynamoDbEndpoint = URI.create(dynamoDb.group(1));
        dynamoDbPort = Integer.parseInt(dynamoDb.group(2));
    }

    @AfterAll
    static void stopUp() {
        up.destroyForcibly();
    }

    @Test
    @Order(1)
    void printsWhereProgramsAndContainersFindTheServicesAndHowToUseThem() {
        String printed = read(output);

        assertThat(printed)
                .containsPattern("up: ready in \\d+\\.\\d s; Ctrl-C or SIGTERM stops it and deletes its data")
                .contains("tables:                          AggregatesTable, RejectsTable")
                .contains("topic:                           telemetry, 3 partitions")
                .contains("sam local invoke ConsumerFunction --env-vars events/env.json -e events/msk-orders.json")
                .contains("invoke ProducerFunction --env-vars events/env-host.json -e events/scheduled-event.json")
                .contains("kafka-console-producer.sh --bootstrap-server " + bootstrapServers + " --topic telemetry")
                .contains("events/env.json and events/env-host.json name the default ports and host");
        assertThat(find(DYNAMODB, printed).group(3)).isEqualTo(Integer.toString(dynamoDbPort));
    }

    @Test
    @Order(2)
    void aRecordRoundTripsThroughTheListenerForThisMachine() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>("telemetry", "17", "{\"device_id\":17}")).get(30, TimeUnit.SECONDS);
        }

        assertThat(TopicContents.readAll(bootstrapServers, "telemetry"))
                .extracting(r -> new String(r.key(), StandardCharsets.UTF_8) + "=" + new String(r.value(), StandardCharsets.UTF_8))
                .contains("17={\"device_id\":17}");
    }

    @Test
    @Order(3)
    void theListenerForContainersAdvertisesTheirNameForThisMachine() {
        // a client in a container bootstraps through host.docker.internal, which reaches this listener on 127.0.0.1:
        // the metadata it gets names the brokers as host.docker.internal, not as 127.0.0.1 (the container itself)
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + containerPort,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<PartitionInfo> partitions = consumer.partitionsFor("telemetry", Duration.ofSeconds(30));

            assertThat(partitions).hasSize(3).allSatisfy(partition ->
                    assertThat(partition.leader().host() + ":" + partition.leader().port())
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
    void theFunctionsRunWithTheEventsEnvVarsFile(String file) throws IOException {
        // Given the file with the ports of this up, and host.docker.internal naming this machine, as Docker makes it
        Path envVars = withThisUpsPorts(ROOT.resolve("events").resolve(file));

        // When the producer and the consumer run with it
        Run producer = invoke("ProducerFunction", envVars, "events/scheduled-event.json");
        Run consumer = invoke("ConsumerFunction", envVars, "events/msk-orders.json");

        // Then the producer's records are acknowledged by up's broker and the consumer's windows land in its table
        assertThat(producer.exit()).as(producer.output()).isZero();
        assertThat(producer.output()).containsPattern("\"attempted\":(\\d+),\"sent\":\\1,\"failed\":0,");
        assertThat(consumer.exit()).as(consumer.output()).isZero();
        assertThat(consumer.output()).containsPattern("\\{\"records\":(\\d+),\"aggregated\":\\1,\"rejected\":0,");
        try (DynamoDbClient dynamo = dynamo()) {
            assertThat(StoredItems.aggregates(dynamo, "AggregatesTable")).isNotEmpty()
                    .allSatisfy((key, stats) -> assertThat(key).startsWith("orders"));
        }
    }

    @Test
    @Order(6)
    void ctrlCClosesEverythingDeletesItsDataAndExits130() throws Exception {
        // When the user presses Ctrl-C (SIGINT)
        new ProcessBuilder("kill", "-INT", Long.toString(up.pid())).inheritIO().start().waitFor();

        // Then up closes the services, deletes its data, frees its ports and exits 130
        assertThat(up.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        String printed = read(output);
        assertThat(up.exitValue()).as(printed).isEqualTo(Pipeline.EXIT_INTERRUPTED);
        assertThat(printed).contains("SIGINT: stopping", "up: stopping", "up: stopped; its data is deleted")
                .doesNotContain("while closing");
        assertThat(Path.of(find(DATA_DIRECTORY, printed).group(1))).doesNotExist();
        assertThat(List.of(kafkaPort, containerPort, dynamoDbPort)).allSatisfy(port -> assertFree(port));
    }

    private static Run invoke(String function, Path envVars, String event) throws IOException {
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 host.docker.internal\n127.0.0.1 localhost\n");
        Path printed = dir.resolve(function + ".txt");
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", JAR.toString(), "invoke", function,
                "--env-vars", envVars.toString(), "-e", ROOT.resolve(event).toString(),
                "-t", ROOT.resolve("template.yaml").toString())
                .redirectErrorStream(true).redirectOutput(printed.toFile());
        // the name resolved as in a container (by this file instead of the system's resolver), in both JVMs that
        // invoke starts; and the credentials SAM gives a container when the shell has none
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Djdk.net.hosts.file=" + hosts);
        builder.environment().put("AWS_ACCESS_KEY_ID", "defaultkey");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "defaultsecret");
        builder.environment().remove("AWS_SESSION_TOKEN");
        builder.environment().remove("AWS_PROFILE");
        try {
            Process process = builder.start();
            assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as(read(printed)).isTrue();
            return new Run(process.exitValue(), read(printed));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The file with up's default ports replaced by this up's. */
    private static Path withThisUpsPorts(Path file) throws IOException {
        String text = Files.readString(file);
        String replaced = text.replace(":9092\"", ":" + kafkaPort + "\"").replace(":9094\"", ":" + containerPort + "\"")
                .replace(":8000\"", ":" + dynamoDbPort + "\"");
        assertThat(replaced).as("%s names up's default ports", file).isNotEqualTo(text);
        return Files.writeString(dir.resolve(file.getFileName()), replaced);
    }

    private static DynamoDbClient dynamo() {
        return DynamoDbClient.builder().endpointOverride(dynamoDbEndpoint).region(Region.of(EmbeddedDynamoDb.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedDynamoDb.ACCESS_KEY, EmbeddedDynamoDb.SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private static void assertFree(int port) {
        try (ServerSocketChannel channel = ServerSocketChannel.open()) {
            channel.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new AssertionError("port " + port + " is still taken", e);
        }
    }

    private static String awaitOutput(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!read(output).contains(expected)) {
            assertThat(up.isAlive()).as("up ended before it was ready:%n%s", read(output)).isTrue();
            assertThat(System.nanoTime()).as("waiting for %s in:%n%s", expected, read(output)).isLessThan(deadline);
            Thread.sleep(100);
        }
        return read(output);
    }

    private static Matcher find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in:%n%s", pattern, text).isTrue();
        return matcher;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
