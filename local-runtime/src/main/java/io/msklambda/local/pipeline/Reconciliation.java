package io.msklambda.local.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Whether the run's three accounts of the data agree: what the producers say the broker acknowledged, what the
 * trigger delivered (each record once), and what the consumer stored (the sum of the items' counts, and the
 * rejects). Per series, the stored count must equal the delivered count.
 *
 * @param acknowledged records the producers report as acknowledged
 * @param delivered distinct records the trigger delivered successfully
 * @param aggregated the sum of {@code count} over the aggregates table
 * @param rejected items in the rejects table
 * @param storedPerSeries per series, the sum of {@code count} over its windows
 * @param deliveredPerSeries per series, the readable records delivered
 */
public record Reconciliation(long acknowledged, long delivered, long aggregated, long rejected,
                             Map<String, Long> storedPerSeries, Map<String, Long> deliveredPerSeries) {

    /** What does not agree; empty when everything does. */
    public List<String> differences() {
        List<String> differences = new ArrayList<>();
        if (acknowledged != delivered) {
            differences.add(String.format(Locale.ROOT, "acknowledged %,d but delivered %,d", acknowledged, delivered));
        }
        if (delivered != aggregated + rejected) {
            differences.add(String.format(Locale.ROOT, "delivered %,d but aggregated %,d + rejected %,d",
                    delivered, aggregated, rejected));
        }
        for (String series : new TreeSet<>(union())) {
            long stored = storedPerSeries.getOrDefault(series, 0L);
            long delivered = deliveredPerSeries.getOrDefault(series, 0L);
            if (stored != delivered) {
                differences.add(String.format(Locale.ROOT, "%s: stored %,d, delivered %,d", series, stored, delivered));
            }
        }
        return differences;
    }

    public boolean agrees() {
        return differences().isEmpty();
    }

    /** One line: the verdict and the figures, then the differences if any. */
    public String summary() {
        String figures = String.format(Locale.ROOT,
                "acknowledged %,d = aggregated %,d + rejected %,d; %d series agree with the records delivered",
                acknowledged, aggregated, rejected, storedPerSeries.size());
        if (agrees()) {
            return "reconciliation: OK - " + figures;
        }
        List<String> differences = differences();
        return "reconciliation: FAILED - " + String.join("; ", differences.subList(0, Math.min(10, differences.size())))
                + (differences.size() > 10 ? "; " + (differences.size() - 10) + " more" : "");
    }

    private List<String> union() {
        List<String> all = new ArrayList<>(storedPerSeries.keySet());
        all.addAll(deliveredPerSeries.keySet());
        return all;
    }
}
