package io.msklambda.local.kafka.authz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a cluster's IAM access control decided during a run, kept for the run's report: each principal's allowed
 * requests (action and resource, once each), from which {@link UnusedGrants} finds the granted actions no request
 * needed, and the refusals, each distinct one once with how often it happened, from which a failed producer or
 * trigger learns why Kafka said no (Kafka's protocol carries an error code, not the reason).
 *
 * <p>Principals are kept under the name whose policies decided ({@link Authorization#owner}): every session of a
 * role counts as the role. Thread-safe: the brokers' request handlers write while the run reads.
 */
public final class AccessLog {

    /** Distinct refusals kept; a run refused more ways than this has its first ones shown. */
    static final int MAX_REFUSALS = 100;

    /**
     * A request the policies refused.
     *
     * @param principal   the principal's name as it signed in
     * @param owner       whose policies decided ({@link Authorization#owner})
     * @param action      the {@code kafka-cluster} action, or null when MSK has none for what Kafka asked
     * @param resourceArn the resource's ARN, or null with no action
     * @param explanation {@value Decision#NOT_ALLOWED}, or the denying statement
     * @param kafka       what Kafka asked, e.g. {@code WRITE TOPIC 'telemetry' in PRODUCE}
     */
    public record Refusal(
            String principal, String owner, String action, String resourceArn, String explanation, String kafka) {

        /** As AWS words an access denial: principal, action, resource, and why. */
        public String message() {
            return "User: " + principal + " is not authorized to perform: "
                    + (action == null ? "(no MSK action for " + kafka + ")" : action + " on resource: " + resourceArn)
                    + " because " + explanation;
        }
    }

    private final Map<String, Set<MskIamActions.Request>> allowed = new ConcurrentHashMap<>();
    private final Map<String, Refusal> refusals = new LinkedHashMap<>();
    private final Map<String, Long> refusalCounts = new LinkedHashMap<>();

    void allowed(String owner, MskIamActions.Request request) {
        allowed.computeIfAbsent(owner, key -> ConcurrentHashMap.newKeySet()).add(request);
    }

    synchronized void refused(Refusal refusal) {
        String key = refusal.principal() + " " + refusal.action() + " " + refusal.resourceArn() + " "
                + refusal.explanation();
        if (refusals.size() < MAX_REFUSALS || refusals.containsKey(key)) {
            refusals.putIfAbsent(key, refusal);
            refusalCounts.merge(key, 1L, Long::sum);
        }
    }

    /** The requests of {@code owner}'s principals that were allowed, each once. */
    public Set<MskIamActions.Request> allowedFor(String owner) {
        return Set.copyOf(allowed.getOrDefault(owner, Set.of()));
    }

    /** Each distinct refusal, in the order they first happened. */
    public synchronized List<Refusal> refusals() {
        return new ArrayList<>(refusals.values());
    }

    /** How often each distinct refusal happened, in the order of {@link #refusals()}. */
    public synchronized List<Long> refusalCounts() {
        return new ArrayList<>(refusalCounts.values());
    }

    /** The refusals of {@code owner}'s principals. */
    public List<Refusal> refusalsOf(String owner) {
        return refusals().stream()
                .filter(refusal -> refusal.owner().equals(owner))
                .toList();
    }
}
