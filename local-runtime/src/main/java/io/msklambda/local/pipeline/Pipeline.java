package io.msklambda.local.pipeline;

import io.msklambda.consumer.ConsumerHandler;
import io.msklambda.consumer.ConsumerSettings;
import io.msklambda.consumer.DynamoDbClients;
import io.msklambda.local.dynamodb.EmbeddedDynamoDb;
import io.msklambda.local.dynamodb.Tables;
import io.msklambda.local.faults.CrashingDynamoDb;
import io.msklambda.local.kafka.EmbeddedKafka;
import io.msklambda.local.kafka.Listener;
import io.msklambda.local.kafka.iam.LocalPrincipal;
import io.msklambda.local.kafka.iam.SigningRegion;
import io.msklambda.local.kafka.iam.StaticIamCredentials;
import io.msklambda.local.lambda.FunctionOutput;
import io.msklambda.local.lambda.LocalContext;
import io.msklambda.local.schedule.ScheduleFanOut;
import io.msklambda.local.trigger.MskTrigger;
import io.msklambda.local.trigger.TriggerOptions;
import io.msklambda.model.ConfigSource;
import io.msklambda.producer.AuthMode;
import io.msklambda.producer.KafkaProperties;
import io.msklambda.producer.ProducerFactory;
import io.msklambda.producer.ProducerHandler;
import io.msklambda.producer.ProducerSettings;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole flow on one machine: N producer invocations per tick into Kafka, the MSK trigger emulator into
 * the consumer, DynamoDB at the end; then the windows and the reconciliation of the three accounts of the data.
 * On the embedded broker and DynamoDB Local unless real endpoints are given.
 */
public final class Pipeline {

    /** How a run ended. */
    public record Outcome(Reconciliation reconciliation, List<ScheduleFanOut.Invocation> invocations,
                          long consumerRetries, long redelivered, Exception triggerFailure, Duration wallTime) {

        /** 0 when the accounts agree, 1 when they do not, 2 when the trigger stopped on a failed batch. */
        public int exitCode() {
            return triggerFailure != null ? 2 : reconciliation.agrees() ? 0 : 1;
        }
    }

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    private final PipelineOptions options;
    private final Clock clock = Clock.systemUTC();
    /**
     * Client properties for the embedded broker: trust in its certificate and, for IAM, the local principal's
     * credentials; none for a real cluster.
     */
    private final Map<String, Object> localClient = new HashMap<>();
    /** Where the functions' own log lines go: standard error with --verbose, else nowhere. */
    private PrintStream functionLog = FunctionOutput.DISCARD;

    public Pipeline(PipelineOptions options) {
        this.options = options;
    }

    public Outcome run(PrintWriter out) throws InterruptedException {
        long started = System.nanoTime();
        List<AutoCloseable> resources = new ArrayList<>();
        FunctionOutput functionOutput = FunctionOutput.hiddenUnless(options.verbose());
        this.functionLog = functionOutput.log();
        try {
            String bootstrap = startKafka(out, resources);
            DynamoDbClient dynamo = startDynamoDb(out, resources);
            ConsumerSettings consumerSettings = new ConsumerSettings(options.aggregatesTable(), options.rejectsTable(),
                    Duration.ofSeconds(options.windowSeconds()), EmbeddedDynamoDb.REGION, Optional.empty());
            Tables.ensureBoth(dynamo, options.aggregatesTable(), options.rejectsTable());
            RandomGenerator seeds = options.seed() == null ? new SecureRandom() : new SplittableRandom(options.seed());

            CrashingDynamoDb consumerDynamo = new CrashingDynamoDb(dynamo);
            Consumers consumers = new Consumers(consumerSettings, consumerDynamo, seeds.nextLong());
            resources.add(consumers);
            MskTrigger trigger = new MskTrigger(triggerOptions(bootstrap), consumers::invoke,
                    options.redeliverEvery(), seeds.nextLong(), out);
            resources.add(trigger);
            Thread triggerThread = new Thread(trigger, "msk-trigger");
            triggerThread.start();

            ProducerSettings producerSettings = ProducerSettings.from(new ConfigSource(producerEnvironment(bootstrap)));
            ProducerFactory producers = properties -> {
                Map<String, Object> withLocalCredentials = new HashMap<>(properties);
                withLocalCredentials.putAll(localClient);
                return ProducerFactory.KAFKA.create(withLocalCredentials);
            };
            ScheduleFanOut fanOut = new ScheduleFanOut(() -> new ProducerHandler(producerSettings,
                    producers, clock, new SplittableRandom(nextSeed(seeds))),
                    options.concurrency(), options.producerTimeout(), clock, functionLog);
            resources.add(fanOut);
            Progress progress = new Progress(out, trigger, fanOut);
            List<ScheduleFanOut.Invocation> invocations = runTicks(fanOut, progress);

            trigger.stop();
            triggerThread.join(options.drainTimeout().toMillis());
            progress.print();
            if (triggerThread.isAlive()) {
                out.println("consumer did not catch up within " + options.drainTimeout().toSeconds() + " s (lag "
                        + trigger.lag() + ")");
            }
            WindowTable windows = WindowTable.read(dynamo, options.aggregatesTable());
            long rejected = dynamo.scanPaginator(b -> b.tableName(options.rejectsTable()).select("COUNT"))
                    .stream().mapToLong(page -> page.count()).sum();
            Reconciliation reconciliation = new Reconciliation(fanOut.acknowledged(), trigger.delivered().records(),
                    windows.totalCount(), rejected, windows.countsPerSeries(), trigger.delivered().perSeries());
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            report(out, invocations, trigger, windows, reconciliation, wall);
            return new Outcome(reconciliation, invocations, trigger.retries(), trigger.delivered().repeats(),
                    trigger.failure(), wall);
        } finally {
            closeAll(resources);
            functionOutput.close();
        }
    }

    /**
     * The embedded broker listens the way {@code --auth} connects: for {@code iam}, SASL_SSL with AWS_MSK_IAM
     * checked against a principal made up here. The producers and the trigger run in this JVM: they get its
     * credentials through {@link StaticIamCredentials} rather than the process's AWS credentials, which a
     * real DynamoDB endpoint still needs. They sign for the {@link SigningRegion}.
     */
    private String startKafka(PrintWriter out, List<AutoCloseable> resources) {
        if (!options.embeddedKafka()) {
            createTopicIfMissing(options.bootstrapServers());
            return options.bootstrapServers();
        }
        LocalPrincipal principal = LocalPrincipal.generate("arn:aws:iam::000000000000:user/msk-local-pipeline");
        Listener listener = Listener.of(options.auth());
        String region = null;
        if (listener == Listener.IAM) {
            SigningRegion signing = SigningRegion.resolve();
            resources.add(signing);
            region = signing.region();
        }
        EmbeddedKafka kafka = EmbeddedKafka.builder().listener(listener, region, principal).start();
        resources.add(kafka);
        kafka.createTopic(options.topic(), options.partitions());
        localClient.putAll(kafka.trustProperties());
        if (options.auth() == AuthMode.IAM) {
            localClient.putAll(StaticIamCredentials.clientProperties(principal));
        }
        out.printf("embedded Kafka broker (KRaft) at %s (%s%s), topic %s with %d partitions%n",
                kafka.bootstrapServers(listener), listener,
                options.auth() == AuthMode.IAM ? ", signing in as " + principal.name() : "",
                options.topic(), options.partitions());
        return kafka.bootstrapServers(listener);
    }

    private DynamoDbClient startDynamoDb(PrintWriter out, List<AutoCloseable> resources) {
        if (!options.embeddedDynamoDb()) {
            DynamoDbClient client = DynamoDbClients.create(new ConsumerSettings(options.aggregatesTable(),
                    options.rejectsTable(), Duration.ofSeconds(options.windowSeconds()),
                    ConfigSource.environment().string(ConsumerSettings.AWS_REGION, EmbeddedDynamoDb.REGION),
                    Optional.of(options.dynamodbEndpoint())));
            resources.add(client);
            return client;
        }
        EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.start();
        resources.add(dynamoDb);
        DynamoDbClient client = dynamoDb.client();
        resources.add(client);
        out.printf("embedded DynamoDB Local at %s, tables %s and %s%n", dynamoDb.endpoint(),
                options.aggregatesTable(), options.rejectsTable());
        return client;
    }

    private void createTopicIfMissing(String bootstrap) {
        Map<String, Object> config = new HashMap<>(KafkaProperties.authentication(options.auth()));
        config.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(options.topic(), Optional.of(options.partitions()), Optional.empty())))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + options.topic() + ": " + e.getCause(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the cluster at " + bootstrap + " did not answer within 30 s", e);
        }
    }

    private TriggerOptions triggerOptions(String bootstrap) {
        String arn = options.embeddedKafka()
                ? "arn:aws:kafka:us-east-1:000000000000:cluster/local/00000000-0000-0000-0000-000000000000-1" : null;
        Map<String, Object> client = new HashMap<>(KafkaProperties.authentication(options.auth()));
        client.putAll(localClient);
        return new TriggerOptions(bootstrap, client, options.topic(),
                options.consumerGroup(), options.startingPosition(), options.triggerBatchSize(),
                options.batchingWindow(), options.maxRetries(), arn);
    }

    private Map<String, String> producerEnvironment(String bootstrap) {
        Map<String, String> env = new HashMap<>();
        env.put(ProducerSettings.BOOTSTRAP_SERVERS, bootstrap);
        env.put(ProducerSettings.TOPIC_NAME, options.topic());
        env.put(ProducerSettings.PAYLOAD, options.payload().name());
        env.put(ProducerSettings.AUTH_MODE, options.auth().name());
        env.put(ProducerSettings.BATCH_SIZE.name(), Integer.toString(options.producerBatchSize()));
        env.put(ProducerSettings.BATCH_INTERVAL_MS.name(), Long.toString(options.producerBatchInterval().toMillis()));
        env.put(ProducerSettings.MAX_RUN_SEC.name(), Integer.toString(options.runSeconds()));
        env.put(ProducerSettings.DEVICE_COUNT.name(), Integer.toString(options.devices()));
        env.put(ProducerSettings.ORDER_ITEMS_FORMAT, options.itemsFormat().name());
        return env;
    }

    private List<ScheduleFanOut.Invocation> runTicks(ScheduleFanOut fanOut, Progress progress) throws InterruptedException {
        List<CompletableFuture<List<ScheduleFanOut.Invocation>>> ticks = new ArrayList<>();
        long start = System.nanoTime();
        for (int tick = 0; tick < options.ticks(); tick++) {
            long due = start + tick * options.tick().toNanos();
            while (System.nanoTime() < due) {
                progress.sleepAndPrint(Math.min(PROGRESS_EVERY.toNanos(), due - System.nanoTime()));
            }
            ticks.add(fanOut.tick(tick));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(ticks.toArray(CompletableFuture[]::new));
        while (!all.isDone()) {
            progress.sleepAndPrint(PROGRESS_EVERY.toNanos());
        }
        List<ScheduleFanOut.Invocation> invocations = new ArrayList<>();
        ticks.forEach(t -> invocations.addAll(t.join()));
        return invocations;
    }

    private void report(PrintWriter out, List<ScheduleFanOut.Invocation> invocations, MskTrigger trigger,
                        WindowTable windows, Reconciliation reconciliation, Duration wall) {
        long failed = invocations.stream().filter(i -> i.error() != null).count();
        out.println();
        out.printf(Locale.ROOT, "producers: %d invocations (%d x %d per tick), %,d records acknowledged, %d failed%n",
                invocations.size(), options.ticks(), options.concurrency(), reconciliation.acknowledged(), failed);
        invocations.stream().filter(i -> i.error() != null).limit(5)
                .forEach(i -> out.println("  tick " + i.tick() + " shard " + i.shard() + ": " + i.error().getMessage()));
        out.printf(Locale.ROOT, "consumer: %d invocations, %d retried, %,d records delivered (%,d more than once)%n",
                trigger.invocations(), trigger.retries(), reconciliation.delivered(), trigger.delivered().repeats());
        if (trigger.failure() != null) {
            out.println("trigger stopped: " + trigger.failure().getMessage());
        }
        out.println();
        out.printf("latest windows (%d s, UTC) in %s:%n", options.windowSeconds(), options.aggregatesTable());
        windows.print(out, 20, options.payload() == io.msklambda.producer.PayloadKind.ORDERS ? 10 : 1);
        out.println();
        out.println(reconciliation.summary());
        out.printf(Locale.ROOT, "wall time %.1f s%n", wall.toMillis() / 1000.0);
    }


    private static long nextSeed(RandomGenerator seeds) {
        synchronized (seeds) {
            return seeds.nextLong();
        }
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // closing is best effort; the rest still close
            }
        }
    }

    /**
     * The consumer's execution environment behind the trigger. A crash (the fault option) kills it: the next
     * batch gets a fresh environment, with nothing cached, as Lambda gives after a runtime crash.
     */
    private final class Consumers implements AutoCloseable {
        private final ConsumerSettings settings;
        private final CrashingDynamoDb dynamo;
        private final SplittableRandom random;
        private ConsumerHandler environment;
        private long invocations;

        Consumers(ConsumerSettings settings, CrashingDynamoDb dynamo, long seed) {
            this.settings = settings;
            this.dynamo = dynamo;
            this.random = new SplittableRandom(seed);
            this.environment = new ConsumerHandler(settings, dynamo, clock);
        }

        void invoke(com.amazonaws.services.lambda.runtime.events.KafkaEvent event) {
            invocations++;
            if (options.crashEvery() > 0 && invocations % options.crashEvery() == 0) {
                dynamo.crashAtWrite(random.nextInt(4), random.nextBoolean());
            }
            try {
                environment.handleRequest(event, new LocalContext("ConsumerFunction", Duration.ofMinutes(1), 512,
                        functionLog));
            } catch (CrashingDynamoDb.InjectedCrash crash) {
                environment.close();
                environment = new ConsumerHandler(settings, dynamo, clock);
                throw crash;
            } finally {
                dynamo.disarm();
            }
        }

        @Override
        public void close() {
            environment.close();
        }
    }
}
