package io.msklambda.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordsAheadTest {

    /** Numbers its records 0, 1, 2…; fails at {@code failAt}; notes a second thread inside {@code next} at once. */
    private static final class NumberingGenerator implements RecordGenerator {
        private final int failAt;
        private final AtomicInteger made = new AtomicInteger();
        private final AtomicBoolean inside = new AtomicBoolean();
        private volatile boolean usedConcurrently;

        NumberingGenerator(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public ProducerRecord<byte[], byte[]> next(Shard shard, long nowMillis) {
            if (!inside.compareAndSet(false, true)) {
                usedConcurrently = true;
            }
            try {
                int number = made.get();
                if (number == failAt) {
                    throw new IllegalStateException("no record " + number);
                }
                made.incrementAndGet();
                return new ProducerRecord<>(
                        "t", ByteBuffer.allocate(4).putInt(number).array());
            } finally {
                inside.set(false);
            }
        }

        @Override
        public void reseed(RandomGenerator random) {}
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopThread() {
        thread.shutdownNow();
    }

    private static int number(ProducerRecord<byte[], byte[]> record) {
        return ByteBuffer.wrap(record.value()).getInt();
    }

    @Test
    void recordsComeInTheGeneratorsOrderAndTheGeneratorIsFreeOnceClosed() throws Exception {
        NumberingGenerator generator = new NumberingGenerator(Integer.MAX_VALUE);

        try (RecordsAhead records = RecordsAhead.start(thread, generator, Shard.ALL, Clock.systemUTC())) {
            for (int i = 0; i < 10 * RecordsAhead.CHUNK + 7; i++) {
                assertThat(number(records.next())).isEqualTo(i);
            }
        }
        int madeWhenClosed = generator.made.get();
        generator.next(Shard.ALL, 0); // this thread's turn, as a reseed or the priming before a snapshot takes it
        Thread.sleep(50);

        assertThat(generator.made.get()).isEqualTo(madeWhenClosed + 1);
        assertThat(madeWhenClosed).isLessThanOrEqualTo((10 + RecordsAhead.CHUNKS_AHEAD + 2) * RecordsAhead.CHUNK);
        assertThat(generator.usedConcurrently).isFalse();
    }

    @Test
    void theGeneratorsFailureReachesTheSenderAfterTheRecordsMadeBeforeItAndCloseDoesNotRepeatIt() throws Exception {
        NumberingGenerator generator = new NumberingGenerator(RecordsAhead.CHUNK + 10);
        RecordsAhead records = RecordsAhead.start(thread, generator, Shard.ALL, Clock.systemUTC());

        for (int i = 0; i < RecordsAhead.CHUNK; i++) {
            assertThat(number(records.next())).isEqualTo(i);
        }
        assertThatThrownBy(records::next)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no record " + (RecordsAhead.CHUNK + 10));
        records.close();
    }

    @Test
    void aFailureTheSenderNeverReachedIsThrownByClose() throws Exception {
        NumberingGenerator generator = new NumberingGenerator(RecordsAhead.CHUNK + 10);
        RecordsAhead records = RecordsAhead.start(thread, generator, Shard.ALL, Clock.systemUTC());

        assertThat(number(records.next())).isZero();
        while (generator.made.get() < RecordsAhead.CHUNK + 10) {
            Thread.sleep(5);
        }

        assertThatThrownBy(records::close)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no record " + (RecordsAhead.CHUNK + 10));
    }

    @Test
    void closeStopsAGeneratorThatIsWaitingForRoomAhead() throws Exception {
        NumberingGenerator generator = new NumberingGenerator(Integer.MAX_VALUE);
        RecordsAhead records = RecordsAhead.start(thread, generator, Shard.ALL, Clock.systemUTC());
        while (generator.made.get() < (RecordsAhead.CHUNKS_AHEAD + 1) * RecordsAhead.CHUNK) {
            Thread.sleep(5); // the queue is full and one more chunk is made: the thread waits in put
        }

        records.close();
        int made = generator.made.get();
        Thread.sleep(50);

        assertThat(generator.made.get()).isEqualTo(made);
        assertThat(made).isLessThanOrEqualTo((RecordsAhead.CHUNKS_AHEAD + 2) * RecordsAhead.CHUNK);
    }
}
