package io.msklambda.producer.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.msklambda.model.JsonCodec;
import io.msklambda.producer.RecordGenerator;
import io.msklambda.producer.Shard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The interpreter of a {@link PayloadSpec}, compiled once into field objects. A record is two passes: every field
 * draws its value in the spec's draw order, then the value is written in document order by one reused Jackson
 * generator. Construction draws, from the environment's stream and in this order: the seed of the environment's Faker
 * (only when the spec uses one), then every {@code $walk}'s start values in document order; so does {@link #reseed}.
 */
final class SpecRecordGenerator implements RecordGenerator {

    private final String topic;
    private final CompiledSpec spec;
    private final FakerSource faker;
    private final Draw draw = new Draw();
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(256);
    private final JsonGenerator json = JsonCodec.generator(buffer);

    SpecRecordGenerator(
            String topic,
            com.fasterxml.jackson.databind.JsonNode tree,
            java.util.Map<String, String[]> seededPools,
            RandomGenerator random) {
        this.topic = topic;
        this.faker = new FakerSource(random);
        this.spec = SpecCompiler.compile(tree, faker, false, seededPools);
        seed(random);
    }

    @Override
    public ProducerRecord<byte[], byte[]> next(Shard shard, long nowMillis) {
        draw.shard = shard;
        draw.nowMillis = nowMillis;
        for (Field field : spec.drawOrder()) {
            field.draw(draw);
        }
        try {
            spec.value().write(json);
            byte[] value = JsonCodec.drain(json, buffer);
            return new ProducerRecord<>(topic, key(), value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: the target is memory
        }
    }

    private byte[] key() throws IOException {
        if (spec.key() == null) {
            return null;
        }
        if (!spec.keyIsJson()) {
            return spec.key().text().getBytes(StandardCharsets.UTF_8);
        }
        spec.key().write(json);
        return JsonCodec.drain(json, buffer);
    }

    /** New stream, new Faker seed (when used), new walk start values. */
    @Override
    public void reseed(RandomGenerator random) {
        faker.reseed(random);
        seed(random);
    }

    private void seed(RandomGenerator random) {
        draw.random = random;
        for (Consumer<RandomGenerator> stateful : spec.stateful()) {
            stateful.accept(random);
        }
    }
}
