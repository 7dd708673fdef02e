package io.msklambda.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.model.ConfigSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * A team's {@link RecordGenerator.Factory} handed to the handler makes the environment's generator: it gets the
 * settings and a stream seeded from the handler's seeds, and the handler's SnapStart priming and reseeding reach it.
 * (Publishing through a real broker is the tests module's ProducerHandlerTest; here the producer is never used.)
 */
class ProducerHandlerFactoryTest {

    /** A team's generator: counts what the handler asks of it. */
    private static final class TeamGenerator implements RecordGenerator {
        final List<RandomGenerator> streams = new ArrayList<>();
        int made;

        TeamGenerator(RandomGenerator random) {
            streams.add(random);
        }

        @Override
        public ProducerRecord<byte[], byte[]> next(Shard shard, long nowMillis) {
            made++;
            return new ProducerRecord<>("team", new byte[] {'{', '}'});
        }

        @Override
        public void reseed(RandomGenerator random) {
            streams.add(random);
        }
    }

    @Test
    void theHandlerBuildsItsGeneratorWithTheTeamsFactory() {
        ProducerSettings settings = ProducerSettings.from(new ConfigSource(Map.of("BOOTSTRAP_SERVERS", "b-1.x:9098")));
        List<ProducerSettings> seen = new ArrayList<>();
        List<TeamGenerator> made = new ArrayList<>();

        ProducerHandler handler = new ProducerHandler(
                settings,
                properties -> new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()),
                Clock.systemUTC(),
                new SplittableRandom(1),
                (given, random) -> {
                    seen.add(given);
                    TeamGenerator generator = new TeamGenerator(random);
                    made.add(generator);
                    return generator;
                });
        handler.beforeCheckpoint(null);
        handler.afterRestore(null);

        assertThat(seen).containsExactly(settings);
        assertThat(made).hasSize(1);
        assertThat(made.get(0).made).isEqualTo(ProducerHandler.PRIMING_RECORDS);
        assertThat(made.get(0).streams).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void theBuiltInFactoryIsForSettings() {
        ProducerSettings settings = ProducerSettings.from(
                new ConfigSource(Map.of("BOOTSTRAP_SERVERS", "b-1.x:9098", "PAYLOAD", "telemetry")));
        RecordGenerator.Factory builtIn = RecordGenerator::forSettings;

        ProducerRecord<byte[], byte[]> record =
                builtIn.create(settings, new SplittableRandom(1)).next(Shard.ALL, 0L);

        assertThat(record.topic()).isEqualTo("telemetry");
    }
}
