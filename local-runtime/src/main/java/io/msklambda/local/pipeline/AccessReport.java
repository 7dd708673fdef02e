package io.msklambda.local.pipeline;

import io.msklambda.local.kafka.authz.AccessLog;
import io.msklambda.local.kafka.authz.Authorization;
import io.msklambda.local.kafka.authz.UnusedGrants;
import io.msklambda.local.stack.ClusterAccess;
import io.msklambda.local.stack.LocalStack;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;

/**
 * What the embedded cluster's IAM access control decided, as the run reports it: why a producer or the trigger was
 * refused (Kafka's own error names the resource, not the action or the policy), every refusal at the end, and with
 * {@code --authorization report} each role's granted actions that no request needed.
 */
public final class AccessReport {

    private static final int REFUSALS_SHOWN = 10;

    private final Authorization authorization;
    private final ClusterAccess access;

    /** @param authorization the cluster's, or null when it authorizes nothing */
    AccessReport(Authorization authorization, ClusterAccess access) {
        this.authorization = authorization;
        this.access = access;
    }

    public static AccessReport of(LocalStack stack) {
        return new AccessReport(stack.authorization().orElse(null), stack.access());
    }

    /**
     * The error's message, and when the cluster refused {@code client} something, how AWS would explain it: the
     * principal, the action, the resource and the deciding statement.
     */
    String explain(Throwable error, LocalStack.Client client) {
        String message = error.getMessage();
        if (authorization == null || !refusedAccess(error)) {
            return message;
        }
        String owner = client == LocalStack.Client.PRODUCER
                ? access.producer().role().arn()
                : access.consumer().role().arn();
        List<AccessLog.Refusal> refusals = authorization.log().refusalsOf(owner);
        if (refusals.isEmpty()
                || message != null && message.contains(refusals.get(0).message())) {
            return message;
        }
        return message + " - the cluster's IAM access control: "
                + refusals.stream().map(AccessLog.Refusal::message).collect(Collectors.joining("; "));
    }

    /** Every refusal of the run, then, when asked for, the grants no request needed. */
    public void print(PrintWriter out) {
        if (authorization == null) {
            return;
        }
        List<AccessLog.Refusal> refusals = authorization.log().refusals();
        List<Long> counts = authorization.log().refusalCounts();
        if (!refusals.isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "authorization: %d kind%s of request refused%n",
                    refusals.size(),
                    refusals.size() == 1 ? "" : "s");
            for (int i = 0; i < Math.min(REFUSALS_SHOWN, refusals.size()); i++) {
                out.printf(
                        Locale.ROOT,
                        "  %s (%,d time%s; Kafka asked %s)%n",
                        refusals.get(i).message(),
                        counts.get(i),
                        counts.get(i) == 1 ? "" : "s",
                        refusals.get(i).kafka());
            }
        }
        if (access.mode() != ClusterAccess.Mode.REPORT) {
            return;
        }
        List<UnusedGrants.Grant> unused = UnusedGrants.of(authorization);
        for (ClusterAccess.Identity identity : List.of(access.producer(), access.consumer())) {
            if (identity == access.consumer()
                    && identity.role().arn().equals(access.producer().role().arn())) {
                continue; // one role for both functions: reported once
            }
            List<UnusedGrants.Grant> own = unused.stream()
                    .filter(grant -> grant.owner().equals(identity.role().arn()))
                    .toList();
            printUnused(out, "authorization report, " + identity.role().logicalId(), own);
        }
    }

    /** One role's line of the report, {@code <label>: …}, then its unused grants one a line. */
    public static void printUnused(PrintWriter out, String label, List<UnusedGrants.Grant> unused) {
        out.printf(
                Locale.ROOT,
                "%s: %s%n",
                label,
                unused.isEmpty()
                        ? "every granted kafka-cluster action was needed"
                        : unused.size() + " granted kafka-cluster action" + (unused.size() == 1 ? "" : "s")
                                + " no request needed");
        unused.forEach(grant -> out.println("  " + grant));
    }

    private static boolean refusedAccess(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthorizationException || cause instanceof SaslAuthenticationException) {
                return true;
            }
        }
        return false;
    }
}
