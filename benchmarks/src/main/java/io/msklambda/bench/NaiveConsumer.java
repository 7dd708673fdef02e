package io.msklambda.bench;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.msklambda.consumer.AggregatesTable;
import io.msklambda.model.DecodeResult;
import io.msklambda.model.JsonCodec;
import io.msklambda.model.Telemetry;
import io.msklambda.model.TumblingWindows;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The baseline the benchmarks compare the consumer with: what MSK-to-DynamoDB samples in the field do, one
 * {@code UpdateItem} per record ({@code ADD count, sum}). It decodes with the same shared model, so the
 * difference measured is the write path. It is not replay-safe (a redelivery counts twice) and keeps no min or
 * max; it exists only to be measured against. Its items are keyed as the consumer's are (window and source
 * partition), so that both write to the same table layout.
 */
public final class NaiveConsumer {

    private final DynamoDbClient dynamo;
    private final String table;
    private final TumblingWindows windows;

    public NaiveConsumer(DynamoDbClient dynamo, String table, TumblingWindows windows) {
        this.dynamo = dynamo;
        this.table = table;
        this.windows = windows;
    }

    /** Writes the event's telemetry; returns the DynamoDB requests made. */
    public int handle(KafkaEvent event) {
        int requests = 0;
        for (List<KafkaEvent.KafkaEventRecord> group : event.getRecords().values()) {
            for (KafkaEvent.KafkaEventRecord record : group) {
                DecodeResult result = JsonCodec.decode(Base64.getDecoder().decode(record.getValue()));
                if (result instanceof DecodeResult.Decoded decoded && decoded.event() instanceof Telemetry t) {
                    TumblingWindows.Window window = windows.windowOf(t.timestamp());
                    String source = AggregatesTable.sourceOf(record.getTopic(), record.getPartition());
                    dynamo.updateItem(b -> b.tableName(table)
                            .key(AggregatesTable.keyOf(AggregatesTable.seriesOf(t), window.startKey(), source))
                            .updateExpression("ADD #count :one, #sum :value SET #end = :end")
                            .expressionAttributeNames(Map.of(
                                    "#count",
                                    AggregatesTable.COUNT,
                                    "#sum",
                                    AggregatesTable.SUM,
                                    "#end",
                                    AggregatesTable.WINDOW_END))
                            .expressionAttributeValues(Map.of(
                                    ":one",
                                    AttributeValue.fromN("1"),
                                    ":value",
                                    AttributeValue.fromN(t.temperature().toPlainString()),
                                    ":end",
                                    AttributeValue.fromS(window.endKey()))));
                    requests++;
                }
            }
        }
        return requests;
    }
}
