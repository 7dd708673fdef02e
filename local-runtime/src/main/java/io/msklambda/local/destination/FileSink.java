package io.msklambda.local.destination;

import io.msklambda.local.trigger.Destination;
import io.msklambda.local.trigger.FailedBatch;
import io.msklambda.local.trigger.InvocationRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * An S3 bucket or an SNS topic as the on-failure destination, written to files under a directory, since the local
 * runtime has neither service. The paths say what they stand for:
 * <ul>
 *   <li>S3: one object per failed batch at {@code <dir>/s3/<bucket>/<key>}, holding the invocation record with the
 *       event as an escaped JSON string ({@link InvocationRecord#withPayload}), as Lambda puts it in S3
 *       (https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html). The key follows the naming Lambda
 *       documents for stream mappings, {@code aws/lambda/<ESM-UUID>/<shardID>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<Random
 *       UUID>} (https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html), with the batch's
 *       first {@code <topic>-<partition>} for the shard and the time the mapping gave up.</li>
 *   <li>SNS: one message per failed batch, a line of {@code <dir>/sns/<topic>.jsonl} holding the metadata
 *       ({@link InvocationRecord#metadata}): SNS gets no records, as SQS does not.</li>
 * </ul>
 * An object appears whole (written aside, then moved into place) and a line is appended in one write, so that a
 * reader never sees half of either. Thread-safe.
 */
public final class FileSink implements ReadableSink {

    /**
     * SNS refuses a message over 256 KB (https://docs.aws.amazon.com/sns/latest/api/API_Publish.html). Lambda drops
     * the payload of a record over it (https://docs.aws.amazon.com/lambda/latest/api/API_OnFailure.html); a
     * mapping's metadata carries none, so only a batch over some thousand partitions could reach it, and {@link
     * #send} then fails as the Publish would.
     */
    public static final int SNS_MAX_MESSAGE_BYTES = 256 * 1024;

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern SNS_TOPIC = Pattern.compile("[A-Za-z0-9_-]{1,256}(\\.fifo)?");
    private static final Pattern MAPPING_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECOND =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH.mm.ss").withZone(ZoneOffset.UTC);

    private final Destination destination;
    private final InvocationRecord invocationRecord;
    private final String mappingId;
    private final Path root;

    /**
     * @param destination      an S3 bucket or an SNS topic
     * @param directory        where the files go (created if missing)
     * @param mappingId        the event source mapping's UUID or name: the S3 keys carry it
     * @param invocationRecord what to write
     */
    public FileSink(Destination destination, Path directory, String mappingId, InvocationRecord invocationRecord)
            throws IOException {
        this.destination = Objects.requireNonNull(destination, "destination");
        this.invocationRecord = Objects.requireNonNull(invocationRecord, "invocationRecord");
        if (mappingId == null || !MAPPING_ID.matcher(mappingId).matches()) {
            throw new IllegalArgumentException(
                    "a mapping id is 1 to 128 letters, digits, '.', '_' or '-': " + mappingId);
        }
        this.mappingId = mappingId;
        switch (destination.kind()) {
            case S3 -> {
                require(BUCKET, "an S3 bucket name is 3 to 63 lower-case letters, digits, '.' or '-'");
                root = directory.resolve("s3").resolve(destination.name());
                Files.createDirectories(root);
            }
            case SNS -> {
                require(SNS_TOPIC, "an SNS topic name is 1 to 256 letters, digits, '_' or '-', with .fifo or not");
                root = directory.resolve("sns").resolve(destination.name() + ".jsonl");
                Files.createDirectories(root.getParent());
            }
            default -> throw new IllegalArgumentException("not an S3 bucket or an SNS topic: " + destination.spec());
        }
    }

    @Override
    public synchronized void send(FailedBatch failed) throws IOException {
        if (destination.kind() == Destination.Kind.S3) {
            putObject(failed);
        } else {
            publish(failed);
        }
    }

    /** The S3 bucket's directory or the SNS topic's file. */
    public Path root() {
        return root;
    }

    /** The S3 objects' paths, in key order; empty for an SNS topic. */
    public synchronized List<Path> objects() throws IOException {
        if (destination.kind() != Destination.Kind.S3) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(path -> !path.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    /** The SNS messages, one invocation record a line; empty for an S3 bucket. */
    public synchronized List<String> messages() throws IOException {
        if (destination.kind() != Destination.Kind.SNS || !Files.exists(root)) {
            return List.of();
        }
        return Files.readAllLines(root, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized long recordsHeld() throws IOException {
        long records = 0;
        for (String message : messages()) {
            records += BatchSize.of(message);
        }
        for (Path object : objects()) {
            records += BatchSize.of(Files.readString(object, StandardCharsets.UTF_8));
        }
        return records;
    }

    @Override
    public Destination destination() {
        return destination;
    }

    @Override
    public String location() {
        return destination.kind() == Destination.Kind.S3
                ? "S3 bucket " + destination.name() + " as files under " + root
                : "SNS topic " + destination.name() + " as lines of " + root;
    }

    private void putObject(FailedBatch failed) throws IOException {
        ConsumerRecord<byte[], byte[]> first = failed.records().get(0);
        Path object = root.resolve("aws/lambda")
                .resolve(mappingId)
                .resolve(first.topic() + "-" + first.partition())
                .resolve(DAY.format(failed.timestamp()))
                .resolve(SECOND.format(failed.timestamp()) + "-" + UUID.randomUUID());
        Files.createDirectories(object.getParent());
        Path partial = object.resolveSibling("." + object.getFileName() + ".partial");
        Files.write(partial, invocationRecord.withPayload(failed));
        Files.move(partial, object, StandardCopyOption.ATOMIC_MOVE);
    }

    private void publish(FailedBatch failed) throws IOException {
        byte[] message = invocationRecord.metadata(failed);
        if (message.length > SNS_MAX_MESSAGE_BYTES) {
            throw new IllegalStateException("SNS topic " + destination.name() + " refuses a message of "
                    + message.length + " bytes (at most " + SNS_MAX_MESSAGE_BYTES + ")");
        }
        byte[] line = new byte[message.length + 1];
        System.arraycopy(message, 0, line, 0, message.length);
        line[message.length] = '\n';
        Files.write(root, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    private void require(Pattern name, String rule) {
        if (!name.matcher(destination.name()).matches()) {
            throw new IllegalArgumentException(rule + ": " + destination.spec());
        }
    }
}
