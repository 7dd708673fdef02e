package io.msklambda.local.up;

import io.msklambda.local.kafka.iam.LocalPrincipal;
import io.msklambda.producer.AuthMode;
import io.msklambda.producer.KafkaProperties;
import io.msklambda.producer.ProducerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.utils.Utils;

/**
 * What a Kafka client outside this JVM needs for a TLS or IAM listener, as files in a directory of their own that
 * {@link #close()} deletes: the brokers' certificate ({@code ca.pem}), the client properties
 * ({@code client.properties}, for Kafka's tools: {@code --command-config}) and, for IAM, the made-up principals'
 * credentials as AWS profiles ({@code credentials}): {@value #PROFILE} for the user's own clients, and with
 * authorization one profile per role ({@value #PRODUCER_PROFILE}, {@value #CONSUMER_PROFILE}). The secrets are in that
 * file only, never printed; the directory is the owner's alone, as the JDK creates temporary directories.
 *
 * <p>The certificate is trusted as PEM ({@code ssl.truststore.type=PEM}, which Kafka clients read since 2.7, KIP-651):
 * no trust store to convert, no password. aws-msk-iam-auth finds the credentials through the AWS SDK's default chain,
 * named by {@code AWS_SHARED_CREDENTIALS_FILE} and {@code AWS_PROFILE}
 * (https://docs.aws.amazon.com/sdkref/latest/guide/file-location.html).
 */
public final class ClientFiles implements AutoCloseable {

    /** The AWS profile of the user's own clients. */
    public static final String PROFILE = "msk-local";
    /** The profile of the producer's role, which the functions get; with authorization only. */
    public static final String PRODUCER_PROFILE = "msk-local-producer";
    /** The profile of the consumer's role (the trigger's); with authorization only. */
    public static final String CONSUMER_PROFILE = "msk-local-consumer";

    private static final ClientFiles NONE = new ClientFiles(null, Map.of(), Map.of());

    private final Path directory;
    private final Map<String, String> clientEnvironment;
    private final Map<String, String> functionVariables;

    private ClientFiles(Path directory, Map<String, String> clientEnvironment, Map<String, String> functionVariables) {
        this.directory = directory;
        // in the order they are printed
        this.clientEnvironment = Collections.unmodifiableMap(new LinkedHashMap<>(clientEnvironment));
        this.functionVariables = Collections.unmodifiableMap(new LinkedHashMap<>(functionVariables));
    }

    /**
     * Writes what clients need for {@code auth}: nothing for {@code none}.
     *
     * @param certificatePem the brokers' certificate; for tls and iam
     * @param principal      who the IAM listener lets in; for iam
     * @param region         the region the IAM listener expects signatures for; for iam
     */
    public static ClientFiles write(AuthMode auth, String certificatePem, LocalPrincipal principal, String region) {
        return write(auth, certificatePem, principal == null ? Map.of() : Map.of(PROFILE, principal), region);
    }

    /**
     * The same, with a profile for each principal: {@value #PROFILE} for the user's clients, and the functions' (the
     * producer's, {@value #PRODUCER_PROFILE}, when there is one).
     */
    public static ClientFiles write(
            AuthMode auth, String certificatePem, Map<String, LocalPrincipal> profiles, String region) {
        if (auth == AuthMode.NONE) {
            return NONE;
        }
        Path directory = createDirectory();
        try {
            return fill(directory, auth, certificatePem, profiles, region);
        } catch (IOException e) {
            UncheckedIOException failure = new UncheckedIOException("cannot write the client files in " + directory, e);
            try {
                delete(directory);
            } catch (UncheckedIOException deleting) {
                failure.addSuppressed(deleting);
            }
            throw failure;
        }
    }

    private static ClientFiles fill(
            Path directory, AuthMode auth, String certificatePem, Map<String, LocalPrincipal> profiles, String region)
            throws IOException {
        Path trust = Files.writeString(directory.resolve("ca.pem"), certificatePem, StandardCharsets.US_ASCII);
        Map<String, String> trustProperties = Map.of(
                SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG,
                "PEM",
                SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG,
                trust.toString());
        writeClientProperties(directory, auth, trustProperties);
        Map<String, String> clientEnvironment = new LinkedHashMap<>();
        if (auth == AuthMode.IAM) {
            clientEnvironment.put(
                    "AWS_SHARED_CREDENTIALS_FILE",
                    writeCredentials(directory, profiles).toString());
            clientEnvironment.put("AWS_PROFILE", PROFILE);
            clientEnvironment.put("AWS_REGION", region);
        }
        Map<String, String> functionVariables = new LinkedHashMap<>();
        functionVariables.put(ProducerSettings.AUTH_MODE, auth.name().toLowerCase(Locale.ROOT));
        functionVariables.putAll(KafkaProperties.variables(trustProperties));
        functionVariables.putAll(clientEnvironment);
        if (profiles.containsKey(PRODUCER_PROFILE)) {
            functionVariables.put("AWS_PROFILE", PRODUCER_PROFILE);
        }
        return new ClientFiles(directory, clientEnvironment, functionVariables);
    }

    /** The client properties for Kafka's tools and clients; empty for {@code none}, which needs none. */
    public Optional<Path> clientProperties() {
        return Optional.ofNullable(directory).map(dir -> dir.resolve("client.properties"));
    }

    /** The brokers' certificate, PEM; empty for {@code none}. */
    public Optional<Path> certificate() {
        return Optional.ofNullable(directory).map(dir -> dir.resolve("ca.pem"));
    }

    /** The variables a client process needs besides its properties: the profile and region for IAM. */
    public Map<String, String> clientEnvironment() {
        return clientEnvironment;
    }

    /** The variables a function needs ({@code msk-local invoke --env-vars}): AUTH_MODE, trust, IAM's profile. */
    public Map<String, String> functionVariables() {
        return functionVariables;
    }

    /** Deletes the files. */
    @Override
    public void close() {
        if (directory != null) {
            delete(directory);
        }
    }

    private static void writeClientProperties(Path directory, AuthMode auth, Map<String, String> trust)
            throws IOException {
        Properties properties = new Properties();
        KafkaProperties.authentication(auth).forEach((name, value) -> properties.setProperty(name, value.toString()));
        properties.putAll(trust);
        try (Writer writer = Files.newBufferedWriter(directory.resolve("client.properties"), StandardCharsets.UTF_8)) {
            properties.store(writer, "msk-local up: Kafka client settings for its " + auth + " listeners");
        }
    }

    /**
     * The shared credentials file's format (https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html), readable
     * by the owner only: it holds the secret.
     */
    private static Path writeCredentials(Path directory, Map<String, LocalPrincipal> profiles) throws IOException {
        Path file = directory.resolve("credentials");
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        StringBuilder text = new StringBuilder();
        profiles.forEach((profile, principal) -> text.append('[')
                .append(profile)
                .append("]\n")
                .append("aws_access_key_id = ")
                .append(principal.accessKeyId())
                .append('\n')
                .append("aws_secret_access_key = ")
                .append(principal.secretAccessKey())
                .append('\n'));
        return Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("msk-local-up-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the client files", e);
        }
    }

    private static void delete(Path directory) {
        try {
            Utils.delete(directory.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
