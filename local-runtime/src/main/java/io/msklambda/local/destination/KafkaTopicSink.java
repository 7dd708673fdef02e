package io.msklambda.local.destination;

import io.msklambda.local.stack.Closer;
import io.msklambda.local.trigger.Destination;
import io.msklambda.local.trigger.FailedBatch;
import io.msklambda.local.trigger.InvocationRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A Kafka topic on the source cluster as the on-failure destination ({@code kafka://<topic>}): one message per failed
 * record, keyed by the record's own key, whose value is the failure's metadata with the record inside
 * ({@link InvocationRecord#forRecord}), as Lambda writes a dead-letter topic
 * (https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure-destination.html).
 *
 * <p>The producer is idempotent with {@code acks=all}, and {@link #send} returns only once every message is
 * acknowledged, so that the mapping commits the records only after their copies are safe; it throws if any was not,
 * and the mapping sends the batch again (a retry may repeat the messages that did get through, as Lambda's
 * at-least-once delivery may). AWS requires the topic to exist; the local runtime creates it when missing, with
 * the cluster's default partitions and replication factor, so that a run needs no set-up. Thread-safe.
 */
public final class KafkaTopicSink implements ReadableSink {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final Destination destination;
    private final String bootstrapServers;
    private final InvocationRecord invocationRecord;
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;

    /**
     * Creates the topic if it is missing and the producer.
     *
     * @param bootstrapServers the source cluster's
     * @param clientProperties the clients' security settings (TLS, SASL) as the local runtime passes them
     */
    public KafkaTopicSink(
            Destination destination,
            String bootstrapServers,
            Map<String, Object> clientProperties,
            InvocationRecord invocationRecord) {
        this(destination, bootstrapServers, clientProperties, clientProperties, invocationRecord);
    }

    /**
     * The same, writing as one principal (the trigger's role: AWS writes the failures with the function's execution
     * role) and creating and reading the topic back as another (the operator: in AWS the user creates the topic).
     *
     * @param writerProperties the writer's security settings
     * @param adminProperties  those of the client that creates the topic and counts what it holds
     */
    public KafkaTopicSink(
            Destination destination,
            String bootstrapServers,
            Map<String, Object> writerProperties,
            Map<String, Object> adminProperties,
            InvocationRecord invocationRecord) {
        this.destination = Objects.requireNonNull(destination, "destination");
        if (destination.kind() != Destination.Kind.KAFKA) {
            throw new IllegalArgumentException("not a Kafka topic: " + destination.spec());
        }
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.invocationRecord = Objects.requireNonNull(invocationRecord, "invocationRecord");
        Map<String, Object> adminConfig = new HashMap<>(adminProperties);
        adminConfig.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        adminConfig.put(CommonClientConfigs.CLIENT_ID_CONFIG, "msk-local-on-failure-admin-" + destination.name());
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        this.admin = Admin.create(adminConfig);
        try {
            createTopicIfMissing();
            Map<String, Object> producerConfig = new HashMap<>(writerProperties);
            producerConfig.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            producerConfig.put(CommonClientConfigs.CLIENT_ID_CONFIG, "msk-local-on-failure-" + destination.name());
            producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
            producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            this.producer = new KafkaProducer<>(producerConfig);
        } catch (RuntimeException e) {
            admin.close(Duration.ZERO);
            throw e;
        }
    }

    /** One message per record, all sent before the first wait; returns when all are acknowledged. */
    @Override
    public void send(FailedBatch failed) throws Exception {
        List<Future<RecordMetadata>> acknowledgements =
                new ArrayList<>(failed.records().size());
        for (ConsumerRecord<byte[], byte[]> record : failed.records()) {
            acknowledgements.add(producer.send(new ProducerRecord<>(
                    destination.name(), record.key(), invocationRecord.forRecord(failed, record))));
        }
        for (Future<RecordMetadata> acknowledgement : acknowledgements) {
            try {
                acknowledgement.get(); // bounded by the producer's delivery.timeout.ms
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }

    /** The messages in the topic: per partition, its end offset less its start (no transactions write to it). */
    @Override
    public long recordsHeld() throws Exception {
        TopicDescription topic = admin.describeTopics(List.of(destination.name()))
                .allTopicNames()
                .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .get(destination.name());
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        topic.partitions().forEach(partition -> {
            TopicPartition key = new TopicPartition(destination.name(), partition.partition());
            earliest.put(key, OffsetSpec.earliest());
            latest.put(key, OffsetSpec.latest());
        });
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts =
                admin.listOffsets(earliest).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        long messages = 0;
        for (TopicPartition partition : ends.keySet()) {
            messages += ends.get(partition).offset() - starts.get(partition).offset();
        }
        return messages;
    }

    @Override
    public Destination destination() {
        return destination;
    }

    @Override
    public String location() {
        return "Kafka topic " + destination.name() + " at " + bootstrapServers;
    }

    /** Closes the producer (after what it still sends) and the admin client. */
    @Override
    public void close() {
        Closer closer = new Closer();
        closer.add(admin);
        closer.add(producer);
        closer.close();
    }

    private void createTopicIfMissing() {
        try {
            admin.createTopics(List.of(new NewTopic(destination.name(), Optional.empty(), Optional.empty())))
                    .all()
                    .get(ADMIN_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "cannot create the on-failure topic " + destination.name() + " at " + bootstrapServers + ": "
                                + e.getCause().getMessage(),
                        e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "cannot create the on-failure topic " + destination.name() + ": " + bootstrapServers
                            + " did not answer within " + ADMIN_TIMEOUT.toSeconds() + " s",
                    e);
        }
    }
}
