package io.msklambda.consumer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.msklambda.model.ConfigSource;
import io.msklambda.model.EmfLine;
import io.msklambda.model.InvalidConfigException;
import io.msklambda.model.RecordObserver;
import io.msklambda.model.TumblingWindows;
import io.msklambda.model.logging.InvocationLog;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The consumer Lambda behind the MSK trigger: reads every record of the batch, keeps the bad ones in the
 * rejects table, and adds the good ones to exact per-window statistics in the aggregates table.
 *
 * <p>A bad record never fails the batch. A DynamoDB failure does (after the SDK's own retries), so that the
 * trigger retries the batch; {@link AggregateStore}'s watermarks make that retry harmless.
 */
public final class ConsumerHandler implements RequestHandler<KafkaEvent, ConsumeReport>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerHandler.class);

    private final RecordDecoder decoder;
    private final RejectStore rejects;
    private final AggregateStore aggregates;

    /**
     * The Lambda runtime's constructor: settings from the environment, one DynamoDB client, and the records read as
     * {@link ConsumerSettings#observer()} says (the pointers when set, else the presets).
     */
    public ConsumerHandler() {
        this(ConsumerSettings.from(ConfigSource.environment()));
    }

    /**
     * The constructor of a team's own handler class, which Lambda calls through that class's no-argument constructor:
     * settings from the environment, the records read by {@code observer}.
     *
     * @throws InvalidConfigException if {@code SERIES_FIELD}, {@code VALUE_FIELD} or {@code TIME_FIELD} is set as well:
     *     the observer reads the records, and pointers that nothing reads would mislead whoever set them
     */
    public ConsumerHandler(RecordObserver observer) {
        this(withoutPointers(ConsumerSettings.from(ConfigSource.environment())), observer);
    }

    private ConsumerHandler(ConsumerSettings settings) {
        this(settings, settings.observer());
    }

    private ConsumerHandler(ConsumerSettings settings, RecordObserver observer) {
        this(settings, DynamoDbClients.create(settings), Clock.systemUTC(), observer);
    }

    /** With the observer {@link ConsumerSettings#observer()} gives. */
    public ConsumerHandler(ConsumerSettings settings, DynamoDbClient client, Clock clock) {
        this(settings, client, clock, settings.observer());
    }

    /**
     * For tests, the local runtime and a team's handler: everything given.
     *
     * @param observer what each record contributes; thread-safe, see {@link RecordObserver}
     */
    public ConsumerHandler(ConsumerSettings settings, DynamoDbClient client, Clock clock, RecordObserver observer) {
        Objects.requireNonNull(observer, "observer");
        TumblingWindows windows = new TumblingWindows(settings.window());
        this.decoder = new RecordDecoder(windows, observer);
        this.rejects = new RejectStore(client, settings.rejectsTable(), clock);
        this.aggregates =
                new AggregateStore(client, settings.aggregatesTable(), windows, clock, settings.writeConcurrency());
    }

    @Override
    @SuppressWarnings("try") // the log context is the try block's scope: nothing reads it inside
    public ConsumeReport handleRequest(KafkaEvent event, Context context) {
        try (InvocationLog log = InvocationLog.start(context.getAwsRequestId())) {
            Batch batch = Batch.of(event, decoder);
            int rejectRequests = rejects.write(batch.rejects());
            AggregateStore.Result written = aggregates.write(batch.contributions());
            ConsumeReport report = new ConsumeReport(
                    batch.records(),
                    batch.observations(),
                    batch.rejects().size(),
                    batch.duplicates(),
                    batch.contributions().size(),
                    written.itemsWritten(),
                    written.conflicts(),
                    rejectRequests + written.requests());
            report.addTo(LOG.atInfo()).log("consumed");
            System.out.println(new EmfLine(context.getFunctionName())
                    .metric("Records", report.records(), "Count")
                    .metric("Aggregated", report.aggregated(), "Count")
                    .metric("Rejected", report.rejected(), "Count")
                    .metric("ItemsWritten", report.itemsWritten(), "Count")
                    .metric("Conflicts", report.conflicts(), "Count")
                    .metric("DynamoDbRequests", report.dynamodbRequests(), "Count")
                    .toJson(Instant.now()));
            return report;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to DynamoDB", e);
        }
    }

    private static ConsumerSettings withoutPointers(ConsumerSettings settings) {
        settings.pointers().ifPresent(pointers -> {
            throw new InvalidConfigException(
                    ConsumerSettings.SERIES_FIELD,
                    pointers.seriesPointer(),
                    "unset (with VALUE_FIELD, TIME_FIELD and TIME_FORMAT): this handler reads records with its own "
                            + "RecordObserver");
        });
        return settings;
    }

    /** Stops the writer threads; the DynamoDB client belongs to whoever passed it in. */
    @Override
    public void close() {
        aggregates.close();
    }
}
