package io.msklambda.producer.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msklambda.producer.RecordGenerator;
import io.msklambda.producer.Shard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** What the init checks still accept, and the escapes and reuse that go with them. */
class SpecHardeningTest {

    private static String value(RecordGenerator generator) {
        ProducerRecord<byte[], byte[]> record = generator.next(Shard.ALL, 1_773_090_300_073L);
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"clickstream.json", "ev-battery.json"})
    void theWorkedExamplesStillPassTheChecks(String file) throws IOException {
        PayloadSpec spec = PayloadSpec.parse(java.nio.file.Files.readString(java.nio.file.Path.of("specs", file)));
        assertThat(spec.observe()).isPresent();
        assertThat(value(spec.generator("t", new SplittableRandom(1)))).startsWith("{");
    }

    @Test
    void aLeadingByteOrderMarkIsSkipped() {
        PayloadSpec spec = PayloadSpec.parse("\uFEFF{\"name\": \"t\", \"fields\": {\"a\": 1}}");
        assertThat(value(spec.generator("t", new SplittableRandom(1)))).isEqualTo("{\"a\":1}");
    }

    @Test
    void aDoubleDollarMemberIsWrittenWithOneDollar() {
        PayloadSpec spec = PayloadSpec.parse("{\"name\": \"t\", \"fields\": {\"$$schema\": \"v1\","
                + " \"body\": {\"$$type\": \"x\", \"n\": {\"$int\": {\"min\": 4, \"max\": 4}}},"
                + " \"again\": {\"$ref\": \"/body/$type\"}}}");
        assertThat(value(spec.generator("t", new SplittableRandom(1))))
                .isEqualTo("{\"$schema\":\"v1\",\"body\":{\"$type\":\"x\",\"n\":4},\"again\":\"x\"}");
    }

    @Test
    void aSeededPoolMadeByTheCheckIsReusedByEveryGenerator() {
        String json = "{\"name\": \"t\", \"pools\": {\"u\": {\"$faker\": \"#{letterify '?????'}\", \"size\": 5,"
                + " \"seed\": 1}}, \"fields\": {\"u\": {\"$pick\": \"u\"}}}";
        CompiledSpec checked = SpecCompiler.compile(
                PayloadSpec.parse(json).tree(), new FakerSource(new SplittableRandom(0)), true, Map.of());
        assertThat(checked.seededPools().get("u")).hasSize(5);
        // a generator takes the pool it is given rather than making it again
        CompiledSpec made = SpecCompiler.compile(
                PayloadSpec.parse(json).tree(),
                new FakerSource(new SplittableRandom(0)),
                false,
                Map.of("u", new String[] {"only"}));
        assertThat(made.seededPools().get("u")).containsExactly("only");
    }

    @Test
    void boundsWithExactDigitsAndOneConversionAreAccepted() {
        PayloadSpec spec = PayloadSpec.parse("{\"name\": \"t\", \"fields\": {"
                + "\"d\": {\"$decimal\": {\"min\": -9007199.254740992, \"max\": 9007199.254740992, \"decimals\": 9}},"
                + "\"k\": {\"$key\": {\"cardinality\": 300, \"format\": \"100%% EV-%05X\"}},"
                + "\"day\": {\"$time\": {\"format\": \"uuuu-MM-dd\"}}}}");
        assertThat(value(spec.generator("t", new SplittableRandom(1)))).contains("\"k\":\"100% EV-");
    }

    @Test
    void anImpossibleDistinctPoolFailsQuickly() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> PayloadSpec.parse("{\"name\": \"t\", \"pools\": {\"l\": {\"$faker\":"
                        + " \"#{options.option 'a','b'}\", \"size\": 1000000, \"distinct\": true}},"
                        + " \"fields\": {\"a\": 1}}"))
                .hasMessageStartingWith("PAYLOAD_SPEC /pools/l/$faker: ")
                .hasMessageContaining("found 2");
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }

    @Test
    void aRefCycleNoLongerFailsEveryRecord() throws IOException {
        assertThatThrownBy(() -> PayloadSpec.parse("{\"name\": \"t\", \"fields\": {\"a\": {\"$asString\":"
                        + " {\"$ref\": \"/b\"}}, \"b\": {\"$asString\": {\"$ref\": \"/a\"}}}}"))
                .hasMessageStartingWith("PAYLOAD_SPEC /fields/a/$asString/$ref: ");
    }
}
