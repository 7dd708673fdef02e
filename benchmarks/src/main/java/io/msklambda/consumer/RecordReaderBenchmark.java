package io.msklambda.consumer;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.msklambda.model.DecodeResult;
import io.msklambda.model.JsonCodec;
import io.msklambda.model.TreeRecordReader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The record reader alone, in records per second, on the JSON values of {@link ConsumerCpuBenchmark}'s batch
 * (already decoded from base64): {@code streaming} is the production reader ({@link JsonCodec#decode}, Jackson's
 * streaming parser), {@code tree} the same rules on Jackson's tree ({@link TreeRecordReader}, which needs
 * jackson-databind, not in the consumer jar). The set-up checks that both give equal results on every record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@OperationsPerInvocation(ConsumerCpuBenchmark.BATCH)
public class RecordReaderBenchmark {

    @Param({"mixed"})
    public String shape;

    private byte[][] values;

    @Setup
    public void setUp() {
        KafkaEvent event = ConsumerCpuBenchmark.event(shape);
        List<byte[]> found = new ArrayList<>(ConsumerCpuBenchmark.BATCH);
        Base64.Decoder base64 = Base64.getDecoder();
        event.getRecords().values().forEach(group -> group.forEach(r -> found.add(base64.decode(r.getValue()))));
        values = found.toArray(byte[][]::new);
        for (byte[] value : values) {
            DecodeResult streaming = JsonCodec.decode(value);
            DecodeResult tree = TreeRecordReader.read(value);
            if (!(streaming instanceof DecodeResult.Decoded) || !streaming.equals(tree)) {
                throw new IllegalStateException("the readers disagree: " + streaming + " / " + tree);
            }
        }
    }

    @Benchmark
    public void streaming(Blackhole out) {
        for (byte[] value : values) {
            out.consume(JsonCodec.decode(value));
        }
    }

    @Benchmark
    public void tree(Blackhole out) {
        for (byte[] value : values) {
            out.consume(TreeRecordReader.read(value));
        }
    }
}
