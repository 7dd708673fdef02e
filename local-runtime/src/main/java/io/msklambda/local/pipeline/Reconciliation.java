package io.msklambda.local.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Whether the run's accounts of the data agree: what the producers' clients had acknowledged (position by
 * position), what the topic holds, what the trigger delivered (each record once), and what the consumer stored
 * (the sum of the items' counts, and the rejects). Per series, the stored count must equal the delivered count.
 *
 * @param acknowledged       records the producers' clients had acknowledged
 * @param topic              the topic's own account, matched against the acknowledgements
 * @param delivered          distinct records the trigger delivered successfully
 * @param filtered           distinct records the mapping's filter criteria kept from the function (committed, never
 *                           delivered)
 * @param sentToDestination  distinct records the mapping gave up on and sent to its on-failure destination
 * @param inDestination      the records the destination itself holds, counted there (repeats included); -1 without
 *                           a destination
 * @param discarded          distinct records the mapping gave up on with no destination: lost, as when deployed
 * @param aggregated         the sum of {@code count} over the aggregates table
 * @param rejected           items in the rejects table
 * @param storedPerSeries    per series, the sum of {@code count} over its windows
 * @param deliveredPerSeries per series, the readable records delivered
 */
public record Reconciliation(
        long acknowledged,
        TopicAccount topic,
        long delivered,
        long filtered,
        long sentToDestination,
        long inDestination,
        long discarded,
        long aggregated,
        long rejected,
        Map<String, Long> storedPerSeries,
        Map<String, Long> deliveredPerSeries) {

    private static final int MAX_LISTED = 10;

    /** What does not agree; empty when everything does. */
    public List<String> differences() {
        List<String> differences = new ArrayList<>();
        topicDifferences(differences);
        deliveryDifferences(differences);
        seriesDifferences(differences);
        return differences;
    }

    /** The topic against the acknowledgements: lost, duplicated or discarded records. */
    private void topicDifferences(List<String> differences) {
        if (topic.lost() > 0) {
            differences.add(String.format(Locale.ROOT, "%,d acknowledged records are not on the topic", topic.lost()));
        }
        if (topic.duplicated() > 0) {
            differences.add(String.format(Locale.ROOT, "%,d records are on the topic twice", topic.duplicated()));
        }
        if (discarded > 0) {
            differences.add(String.format(
                    Locale.ROOT,
                    "%,d records were discarded: their retries ran out and the "
                            + "mapping has no on-failure destination",
                    discarded));
        }
    }

    /** The trigger's deliveries against the topic, the destination and the tables. */
    private void deliveryDifferences(List<String> differences) {
        if (delivered + filtered + sentToDestination + discarded != topic.records()) {
            differences.add(String.format(
                    Locale.ROOT,
                    "the topic holds %,d records but %,d were delivered%s%s",
                    topic.records(),
                    delivered,
                    filtered == 0 ? "" : String.format(Locale.ROOT, ", %,d filtered", filtered),
                    sentToDestination + discarded == 0
                            ? ""
                            : String.format(Locale.ROOT, ", %,d given up", sentToDestination + discarded)));
        }
        // at least once, as on AWS: a record given up twice (after a redelivery) is in the destination twice
        if (inDestination >= 0 && inDestination < sentToDestination) {
            differences.add(String.format(
                    Locale.ROOT,
                    "%,d records were sent to the on-failure destination but it holds %,d",
                    sentToDestination,
                    inDestination));
        }
        if (delivered != aggregated + rejected) {
            differences.add(String.format(
                    Locale.ROOT, "delivered %,d but aggregated %,d + rejected %,d", delivered, aggregated, rejected));
        }
    }

    /** Each series' stored count against the records delivered to it. */
    private void seriesDifferences(List<String> differences) {
        for (String series : new TreeSet<>(union())) {
            long stored = storedPerSeries.getOrDefault(series, 0L);
            long deliveredToSeries = deliveredPerSeries.getOrDefault(series, 0L);
            if (stored != deliveredToSeries) {
                differences.add(
                        String.format(Locale.ROOT, "%s: stored %,d, delivered %,d", series, stored, deliveredToSeries));
            }
        }
    }

    public boolean agrees() {
        return differences().isEmpty();
    }

    /** One line: the verdict and the figures, then the differences if any. */
    public String summary() {
        String unacknowledged = topic.unacknowledged() == 0
                ? ""
                : String.format(
                        Locale.ROOT, " + %,d written though their send was reported failed", topic.unacknowledged());
        long agreeing = union().stream()
                .distinct()
                .filter(series ->
                        storedPerSeries.getOrDefault(series, 0L).equals(deliveredPerSeries.getOrDefault(series, 0L)))
                .count();
        String figures = String.format(
                Locale.ROOT,
                "acknowledged %,d%s = on the topic %,d (%,d lost, %,d duplicated) = aggregated %,d + rejected %,d%s%s%s; "
                        + "%d of %d series agree with the records delivered",
                acknowledged,
                unacknowledged,
                topic.records(),
                topic.lost(),
                topic.duplicated(),
                aggregated,
                rejected,
                filtered == 0 ? "" : String.format(Locale.ROOT, " + filtered %,d", filtered),
                inDestination < 0
                        ? ""
                        : String.format(Locale.ROOT, " + sent to the destination %,d", sentToDestination),
                discarded == 0 ? "" : String.format(Locale.ROOT, " + discarded %,d", discarded),
                agreeing,
                union().stream().distinct().count());
        List<String> differences = differences();
        if (differences.isEmpty()) {
            return "reconciliation: OK - " + figures;
        }
        return "reconciliation: FAILED - "
                + String.join("; ", differences.subList(0, Math.min(MAX_LISTED, differences.size())))
                + (differences.size() > MAX_LISTED ? "; " + (differences.size() - MAX_LISTED) + " more" : "")
                + System.lineSeparator() + "  (" + figures + ")";
    }

    private List<String> union() {
        List<String> all = new ArrayList<>(storedPerSeries.keySet());
        all.addAll(deliveredPerSeries.keySet());
        return all;
    }
}
