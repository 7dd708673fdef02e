package io.msklambda.producer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.msklambda.model.ConfigSource;
import io.msklambda.model.EmfLine;
import io.msklambda.model.logging.InvocationLog;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.AuthenticationException;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer Lambda: each scheduled invocation publishes generated orders or telemetry to the topic for up
 * to {@code MAX_RUN_SEC} and returns what the broker acknowledged.
 *
 * <p>Everything costly is built once per execution environment, in the constructor: the settings, the Kafka
 * producer (idempotent, {@code acks=all}) and the generator with its own random stream, seeded per
 * environment so that concurrent invocations publish distinct data.
 *
 * <p>A producer refused at authentication is replaced before the next invocation: an idempotent producer whose
 * first request (its producer id) meets a SASL failure stays failed for good, and MSK refuses IAM connections past
 * a broker's rate with {@code Too many connects}
 * (https://docs.aws.amazon.com/msk/latest/developerguide/limits.html#msk-provisioned-quota), which a fan-out of new
 * environments can reach. The replacement connects when the next invocation starts, not at once: the broker that
 * refused the old one is likely still within the same second.
 *
 * <p>SnapStart: the handler is a CRaC {@link Resource}. Before the snapshot it runs the generator a while (so
 * the snapshot holds a warmed code path) and closes the producer, whose connections could not survive a
 * restore; after each restore it creates a new producer and reseeds the generator from entropy drawn then,
 * so that environments restored from one snapshot never publish the same order ids.
 *
 * <p>A team's own records: with {@code PAYLOAD=custom} and a {@code PAYLOAD_SPEC} no code is needed. A team that
 * prefers code implements {@link RecordGenerator} in its own module and hands a {@link RecordGenerator.Factory} to
 * {@link #ProducerHandler(RecordGenerator.Factory)}. This class is final: the team writes its own small handler class,
 * which holds a {@code ProducerHandler} and delegates to it, and points the function's {@code Handler} at that class:
 *
 * <pre>{@code
 * public final class ClickHandler implements RequestHandler<ScheduledEvent, ProduceReport> {
 *     private final ProducerHandler producer = new ProducerHandler((settings, random) -> new ClickGenerator(settings.topic(), random));
 *
 *     public ProduceReport handleRequest(ScheduledEvent event, Context context) {
 *         return producer.handleRequest(event, context);
 *     }
 * }
 * }</pre>
 *
 * The held handler registers its own shutdown hook and SnapStart (CRaC) resource, as with the no-argument constructor.
 */
public final class ProducerHandler implements RequestHandler<ScheduledEvent, ProduceReport>, AutoCloseable, Resource {

    /** Records generated (not sent) before a checkpoint, to warm the code path the snapshot keeps. */
    static final int PRIMING_RECORDS = 20_000;

    private static final Logger LOG = LoggerFactory.getLogger(ProducerHandler.class);

    private final ProducerSettings settings;
    private final ProducerFactory factory;
    private final RecordGenerator generator;
    private final Publisher publisher;
    private volatile Producer<byte[], byte[]> producer;
    /** Set when the producer failed authentication: the next invocation gets a new one. */
    private volatile boolean replaceProducer;

    /** The Lambda runtime's constructor: settings from the environment, a real producer, a secure seed. */
    public ProducerHandler() {
        this(RecordGenerator::forSettings);
    }

    /**
     * The Lambda runtime's constructor with a team's generator: settings from the environment, a real producer, a
     * secure seed, the same shutdown hook and SnapStart registration as {@link #ProducerHandler()}.
     *
     * @param generators makes the environment's generator from the settings and the environment's random stream
     */
    public ProducerHandler(RecordGenerator.Factory generators) {
        this(
                ProducerSettings.from(ConfigSource.environment()),
                ProducerFactory.KAFKA,
                Clock.systemUTC(),
                new SecureRandom(),
                generators);
        // Lambda sends SIGTERM before it retires an environment (when an extension is registered); records
        // still in the producer's buffer then get their chance to go out.
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "producer-close"));
        Core.getGlobalContext().register(this); // a no-op outside a CRaC (SnapStart) runtime
    }

    /**
     * @param seeds where this environment draws its generator's seed (a {@link SecureRandom} in Lambda, a
     *              seeded generator in tests that need reproducible data)
     */
    public ProducerHandler(ProducerSettings settings, ProducerFactory factory, Clock clock, RandomGenerator seeds) {
        this(settings, factory, clock, seeds, RecordGenerator::forSettings);
    }

    /**
     * @param seeds where this environment draws its generator's seed
     * @param generators makes the environment's generator from the settings and a {@link SplittableRandom} seeded
     *                   from {@code seeds}
     */
    public ProducerHandler(
            ProducerSettings settings,
            ProducerFactory factory,
            Clock clock,
            RandomGenerator seeds,
            RecordGenerator.Factory generators) {
        this.settings = settings;
        this.factory = factory;
        this.generator = generators.create(settings, new SplittableRandom(seeds.nextLong()));
        this.producer = factory.create(KafkaProperties.of(settings));
        this.publisher = new Publisher(settings, generator, clock);
    }

    @Override
    @SuppressWarnings("try") // the log context is the try block's scope: nothing reads it inside
    public ProduceReport handleRequest(ScheduledEvent event, Context context) {
        try (InvocationLog log = InvocationLog.start(context.getAwsRequestId())) {
            return publish(Shard.of(event), context);
        }
    }

    private ProduceReport publish(Shard shard, Context context) {
        if (replaceProducer) {
            producer = factory.create(KafkaProperties.of(settings));
            replaceProducer = false;
        }
        try {
            ProduceReport report = publisher.run(producer, shard, context.getRemainingTimeInMillis());
            report.addTo(LOG.atInfo()).log("published");
            emitMetrics(report, context);
            return report;
        } catch (PublishFailedException e) {
            e.report().addTo(LOG.atError()).setCause(e.getCause()).log("publishing failed");
            emitMetrics(e.report(), context);
            if (e.getCause() instanceof AuthenticationException) {
                // the run has waited for its records already: nothing of this invocation is left to deliver
                producer.close(Duration.ZERO);
                replaceProducer = true;
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        }
    }

    /**
     * Closes the producer, waiting up to the flush timeout for records still in flight; not one closed already after
     * an authentication failure (a second close only makes the client warn that it is closed).
     */
    @Override
    public void close() {
        publisher.close();
        if (!replaceProducer) {
            producer.close(settings.flushTimeout());
        }
    }

    /** CloudWatch metrics of the run, as one embedded-metric-format line on standard output. */
    private static void emitMetrics(ProduceReport report, Context context) {
        System.out.println(new EmfLine(context.getFunctionName())
                .metric("Attempted", report.attempted(), "Count")
                .metric("Sent", report.sent(), "Count")
                .metric("Failed", report.failed(), "Count")
                .metric("RecordsPerSecond", report.recordsPerSecond(), "Count/Second")
                .toJson(Instant.now()));
    }

    /** Warms the generator and codec, then closes the producer: no connection may be in the snapshot. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        long now = System.currentTimeMillis();
        for (int i = 0; i < PRIMING_RECORDS; i++) {
            generator.next(Shard.ALL, now);
        }
        producer.close(settings.flushTimeout());
    }

    /** A new producer, and a new random stream seeded from entropy drawn now rather than in the snapshot. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        generator.reseed(new SplittableRandom(new SecureRandom().nextLong()));
        producer = factory.create(KafkaProperties.of(settings));
        replaceProducer = false;
    }
}
