package io.msklambda.consumer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Keeps rejected records in the {@link RejectsTable}, keyed by {@code source} ({@code topic-partition}) and
 * {@code offset}, so that writing the same reject again on a replay overwrites it with the same content.
 * The raw value is kept up to {@link #MAX_RAW_BYTES}; a longer one is cut, with its original size and
 * SHA-256 beside it so that it can still be matched against the topic.
 */
final class RejectStore {

    static final int MAX_RAW_BYTES = 4_096;
    /** BatchWriteItem's limit. */
    static final int BATCH = 25;

    static final int MAX_ATTEMPTS = 8;
    /** Values of records at one conflicting position kept whole (each cut at {@link #MAX_RAW_BYTES}), in bytes. */
    static final int MAX_CONFLICTING_BYTES = 64 * 1024;
    /** Records at one conflicting position whose SHA-256 is kept. */
    static final int MAX_CONFLICTING = 1_000;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    RejectStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** Writes every reject; returns the requests made. Throws when DynamoDB keeps some unprocessed. */
    int write(List<Reject> rejects) throws InterruptedException {
        List<Map<String, AttributeValue>> items = items(rejects);
        int requests = 0;
        for (int from = 0; from < items.size(); from += BATCH) {
            List<WriteRequest> writes = new ArrayList<>();
            for (Map<String, AttributeValue> item : items.subList(from, Math.min(from + BATCH, items.size()))) {
                writes.add(WriteRequest.builder()
                        .putRequest(PutRequest.builder().item(item).build())
                        .build());
            }
            for (int attempt = 1; !writes.isEmpty(); attempt++) {
                if (attempt > MAX_ATTEMPTS) {
                    throw new IllegalStateException(writes.size() + " rejects stayed unprocessed after " + MAX_ATTEMPTS
                            + " attempts; failing the batch so that the trigger retries it");
                }
                if (attempt > 1) {
                    Thread.sleep(Math.min(1_000, 25L << attempt)); // back off as DynamoDB asks for unprocessed items
                }
                requests++;
                BatchWriteItemResponse response = dynamo.batchWriteItem(BatchWriteItemRequest.builder()
                        .requestItems(Map.of(table, writes))
                        .build());
                writes = response.unprocessedItems().getOrDefault(table, List.of());
            }
        }
        return requests;
    }

    /**
     * One item per position (source, offset). Rejects that share one, records with different bytes at one offset
     * ({@code CONFLICTING_RECORDS}), become one item that keeps every value: the first as {@code raw}, all of them
     * in {@code conflicting_raws} (each cut as {@code raw} is), and how many in {@code records}. One request may not
     * put two items with one key, and the table's key cannot tell them apart.
     */
    List<Map<String, AttributeValue>> items(List<Reject> rejects) {
        Map<String, List<Reject>> byPosition = new LinkedHashMap<>();
        for (Reject reject : rejects) {
            byPosition
                    .computeIfAbsent(reject.source() + "@" + reject.offset(), k -> new ArrayList<>(1))
                    .add(reject);
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>(byPosition.size());
        for (List<Reject> atPosition : byPosition.values()) {
            Map<String, AttributeValue> item = item(atPosition.get(0));
            if (atPosition.size() > 1) {
                item.putAll(conflicting(atPosition));
            }
            items.add(item);
        }
        return items;
    }

    /**
     * Every value at one position: its SHA-256 (for the first {@value #MAX_CONFLICTING} values) and its bytes, each
     * cut as {@code raw} is, while they add up to {@value #MAX_CONFLICTING_BYTES} bytes: an item must stay under
     * DynamoDB's 400 KB, or the write would fail the batch again at every retry.
     */
    private static Map<String, AttributeValue> conflicting(List<Reject> atPosition) {
        List<AttributeValue> raws = new ArrayList<>();
        List<AttributeValue> digests = new ArrayList<>();
        long bytes = 0;
        for (Reject reject : atPosition.subList(0, Math.min(MAX_CONFLICTING, atPosition.size()))) {
            byte[] raw = reject.raw() == null ? new byte[0] : reject.raw();
            digests.add(AttributeValue.fromS(sha256(raw)));
            byte[] cut = Arrays.copyOf(raw, Math.min(raw.length, MAX_RAW_BYTES));
            if (bytes + cut.length <= MAX_CONFLICTING_BYTES) {
                raws.add(AttributeValue.fromB(SdkBytes.fromByteArray(cut)));
                bytes += cut.length;
            }
        }
        return Map.of(
                RejectsTable.RECORDS,
                AttributeValue.fromN(Integer.toString(atPosition.size())),
                RejectsTable.CONFLICTING_RAWS,
                AttributeValue.fromL(raws),
                RejectsTable.CONFLICTING_SHA256S,
                AttributeValue.fromL(digests));
    }

    Map<String, AttributeValue> item(Reject reject) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(RejectsTable.SOURCE, AttributeValue.fromS(reject.source()));
        item.put(RejectsTable.OFFSET, AttributeValue.fromN(Long.toString(reject.offset())));
        item.put(RejectsTable.TOPIC, AttributeValue.fromS(reject.topic()));
        item.put(RejectsTable.PARTITION, AttributeValue.fromN(Integer.toString(reject.partition())));
        item.put(RejectsTable.REASON, AttributeValue.fromS(reject.reason().name()));
        item.put(RejectsTable.DETAIL, AttributeValue.fromS(reject.detail()));
        item.put(RejectsTable.KAFKA_TIMESTAMP, AttributeValue.fromN(Long.toString(reject.kafkaTimestamp())));
        item.put(RejectsTable.REJECTED_AT, AttributeValue.fromS(clock.instant().toString()));
        byte[] raw = reject.raw();
        if (raw != null) {
            item.put(RejectsTable.RAW_SIZE, AttributeValue.fromN(Integer.toString(raw.length)));
            if (raw.length > MAX_RAW_BYTES) {
                byte[] cut = Arrays.copyOf(raw, MAX_RAW_BYTES);
                item.put(RejectsTable.RAW, AttributeValue.fromB(SdkBytes.fromByteArray(cut)));
                item.put(RejectsTable.RAW_SHA256, AttributeValue.fromS(sha256(raw)));
            } else if (raw.length > 0) {
                item.put(RejectsTable.RAW, AttributeValue.fromB(SdkBytes.fromByteArray(raw)));
            }
        }
        return item;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
