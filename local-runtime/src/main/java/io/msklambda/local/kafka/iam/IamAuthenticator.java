package io.msklambda.local.kafka.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.msklambda.local.kafka.authz.Authorization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Checks an {@code AWS_MSK_IAM} authentication payload the way Amazon MSK does, against principals configured
 * locally instead of IAM.
 *
 * <p>What aws-msk-iam-auth sends is a SigV4 presigned request turned inside out: the client presigns
 * {@code GET https://<broker host>/?Action=kafka-cluster:Connect} for service {@code kafka-cluster}, then sends
 * the presigned query parameters (names in lower case), the {@code host} header, a {@code version} and a
 * {@code user-agent} as one flat JSON object. This class checks every field (version, host, action, algorithm,
 * credential scope, signed headers, date and expiry against its own clock) and then signs the same request
 * again with the principal's secret, at the payload's date, with the AWS SDK's SigV4 signer: only an identical
 * signature authenticates.
 *
 * <p>Failure messages reach the client (Kafka returns them in the SASL response) and the broker's log; they name
 * the field that failed and never a secret, a session token or a signature. Whatever they quote from the payload
 * is clipped and its control characters escaped first: the payload is the client's to write, and an unclipped
 * value could fill the log, or start a line of its own that reads like the broker's.
 */
public final class IamAuthenticator {

    public static final String MECHANISM = "AWS_MSK_IAM";
    static final String VERSION = "2020_10_22";
    static final String ACTION = "kafka-cluster:Connect";
    static final String SERVICE = "kafka-cluster";
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** How far a signature's date may be ahead of this clock: SigV4's usual tolerance. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /**
     * The longest expiry accepted: the 900 s aws-msk-iam-auth presigns for
     * (https://github.com/aws/aws-msk-iam-auth#canonical-query-string). SigV4 itself would allow 7 days, but a
     * payload valid for longer than the client ever asks is one kept for replay, not one a client just signed.
     */
    static final long MAX_EXPIRES_SECONDS = 900;
    /** How many characters of a client's value a message quotes before cutting it short. */
    static final int MAX_ECHOED_LENGTH = 64;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SCOPE_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final List<String> REQUIRED_FIELDS = List.of(
            "version",
            "host",
            "action",
            "x-amz-algorithm",
            "x-amz-credential",
            "x-amz-date",
            "x-amz-expires",
            "x-amz-signedheaders",
            "x-amz-signature");

    private final String region;
    private final Set<String> hosts;
    private final Map<String, LocalPrincipal> principals;
    private final Clock clock;
    private final Authorization connect;

    /**
     * @param region     the region clients must sign for (the cluster's)
     * @param hosts      the names a client may have connected to (the broker's host as clients see it)
     * @param principals who may authenticate
     * @param clock      this broker's clock, against which dates and expiry are judged
     */
    public IamAuthenticator(
            String region, Collection<String> hosts, Collection<LocalPrincipal> principals, Clock clock) {
        this(region, hosts, principals, clock, null);
    }

    /**
     * The same, refusing at authentication a principal whose policies do not allow {@code kafka-cluster:Connect} on
     * the cluster, as MSK does: the refusal is the SASL error, the one message of an authorization failure that
     * Kafka's protocol carries to the client.
     */
    public IamAuthenticator(
            String region,
            Collection<String> hosts,
            Collection<LocalPrincipal> principals,
            Clock clock,
            Authorization authorization) {
        this.region = region;
        this.hosts = new TreeSet<>(hosts);
        this.principals = principals.stream()
                .collect(Collectors.toUnmodifiableMap(LocalPrincipal::accessKeyId, Function.identity()));
        this.clock = clock;
        this.connect = authorization;
    }

    /** The region clients must sign for. */
    public String region() {
        return region;
    }

    /**
     * Authenticates one payload.
     *
     * @return the principal whose secret produced the signature
     * @throws SaslAuthenticationException saying which check failed
     */
    public LocalPrincipal authenticate(byte[] payload) {
        Map<String, String> fields = fields(payload);
        expect(fields, "version", VERSION, "unsupported payload version");
        String host = fields.get("host");
        if (!hosts.contains(host)) {
            throw failure("the payload is signed for host '" + echoed(host) + "', which is not this broker " + hosts);
        }
        expect(fields, "action", ACTION, "the action is not " + ACTION + ":");
        expect(fields, "x-amz-algorithm", ALGORITHM, "unsupported signing algorithm");
        expect(fields, "x-amz-signedheaders", "host", "the signed headers must be exactly 'host', not");
        Instant signedAt = signedAt(fields.get("x-amz-date"));
        long expiresSeconds = expiresSeconds(fields.get("x-amz-expires"));
        LocalPrincipal principal = principal(fields.get("x-amz-credential"), signedAt);
        checkValidity(signedAt, expiresSeconds);
        checkSessionToken(principal, fields.get("x-amz-security-token"));
        String expected = signature(principal, host, signedAt, expiresSeconds);
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                fields.get("x-amz-signature").getBytes(StandardCharsets.US_ASCII))) {
            throw failure("the signature does not match: the request was not signed with the secret key of access key "
                    + LocalPrincipal.masked(principal.accessKeyId()) + ", or the payload was changed after signing");
        }
        if (connect != null) {
            connect.requireConnect(principal.name());
        }
        return principal;
    }

    private static Map<String, String> fields(byte[] payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            throw failure("the authentication payload is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw failure("the authentication payload is not a JSON object");
        }
        Map<String, String> fields = new HashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!field.getValue().isTextual()) {
                throw failure("the payload's field '" + echoed(field.getKey()) + "' is not a string");
            }
            fields.put(field.getKey(), field.getValue().textValue());
        }
        List<String> missing = REQUIRED_FIELDS.stream()
                .filter(name -> !fields.containsKey(name))
                .toList();
        if (!missing.isEmpty()) {
            throw failure("the authentication payload lacks " + missing + "; it needs " + REQUIRED_FIELDS);
        }
        return fields;
    }

    private static void expect(Map<String, String> fields, String field, String expected, String message) {
        String actual = fields.get(field);
        if (!expected.equals(actual)) {
            throw failure(message + " '" + echoed(actual) + "' (" + field + " must be '" + expected + "')");
        }
    }

    private static Instant signedAt(String amzDate) {
        try {
            return Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            throw failure("x-amz-date '" + echoed(amzDate) + "' is not of the form yyyyMMdd'T'HHmmss'Z'");
        }
    }

    private static long expiresSeconds(String expires) {
        try {
            long seconds = Long.parseLong(expires);
            if (seconds >= 1 && seconds <= MAX_EXPIRES_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw failure("x-amz-expires '" + echoed(expires) + "' is not a number of seconds from 1 to "
                + MAX_EXPIRES_SECONDS + " (aws-msk-iam-auth signs for 900)");
    }

    /**
     * Checks the scope {@code <key id>/<yyyyMMdd>/<region>/kafka-cluster/aws4_request} and finds its key. The
     * scope's date must be the day of x-amz-date, all eight digits, as AWS rejects any other
     * (https://docs.aws.amazon.com/general/latest/gr/sigv4-date-handling.html); a prefix such as {@code 2026} is
     * not a date, and this broker signs with the day of x-amz-date whatever the scope says.
     */
    private LocalPrincipal principal(String credential, Instant signedAt) {
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
            throw failure("x-amz-credential is not of the form <access key id>/<date>/<region>/<service>/aws4_request");
        }
        String day = SCOPE_DATE.format(signedAt);
        if (!day.equals(scope[1])) {
            throw failure("the credential scope's date '" + echoed(scope[1]) + "' is not " + day
                    + ", the day of x-amz-date " + AMZ_DATE.format(signedAt));
        }
        if (!region.equals(scope[2])) {
            throw failure("the credential scope is for region '" + echoed(scope[2]) + "'; this cluster is in " + region
                    + " (the client takes its region from the broker's host name, else from AWS_REGION)");
        }
        if (!SERVICE.equals(scope[3])) {
            throw failure("the credential scope is for service '" + echoed(scope[3]) + "', not " + SERVICE);
        }
        LocalPrincipal principal = principals.get(scope[0]);
        if (principal == null) {
            throw failure(
                    "access key " + echoed(LocalPrincipal.masked(scope[0])) + " is not a principal of this cluster");
        }
        return principal;
    }

    private void checkValidity(Instant signedAt, long expiresSeconds) {
        Instant now = clock.instant();
        if (signedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw failure("the signature is dated " + signedAt + ", more than " + MAX_CLOCK_SKEW.toMinutes()
                    + " minutes ahead of the broker's clock (" + now + ")");
        }
        Instant expiry = signedAt.plusSeconds(expiresSeconds);
        if (now.isAfter(expiry)) {
            throw failure("the signature expired at " + expiry + " (signed at " + signedAt + ", valid " + expiresSeconds
                    + " s); the broker's clock says " + now);
        }
    }

    private static void checkSessionToken(LocalPrincipal principal, String token) {
        if (principal.sessionToken() == null && token != null) {
            throw failure("access key " + LocalPrincipal.masked(principal.accessKeyId())
                    + " is long-term, but the payload carries a session token");
        }
        if (principal.sessionToken() != null
                && (token == null
                        || !MessageDigest.isEqual(
                                principal.sessionToken().getBytes(StandardCharsets.UTF_8),
                                token.getBytes(StandardCharsets.UTF_8)))) {
            throw failure("the session token is missing or not the one issued with access key "
                    + LocalPrincipal.masked(principal.accessKeyId()));
        }
    }

    /** The signature aws-msk-iam-auth would send for this principal, host, date and expiry. */
    private String signature(LocalPrincipal principal, String host, Instant signedAt, long expiresSeconds) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .protocol("https")
                .host(host)
                .appendRawQueryParameter("Action", ACTION)
                .build();
        AwsCredentialsIdentity identity = principal.sessionToken() == null
                ? AwsCredentialsIdentity.create(principal.accessKeyId(), principal.secretAccessKey())
                : AwsSessionCredentialsIdentity.create(
                        principal.accessKeyId(), principal.secretAccessKey(), principal.sessionToken());
        SdkHttpRequest signed = AwsV4HttpSigner.create()
                .sign(sign -> sign.identity(identity)
                        .request(request)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(expiresSeconds))
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request();
        return signed.firstMatchingRawQueryParameter("X-Amz-Signature")
                .orElseThrow(() -> new IllegalStateException("the SDK's signer gave no X-Amz-Signature"));
    }

    /**
     * A client's value as a message may quote it: control and format characters (line breaks, terminal escape
     * sequences, bidirectional overrides) escaped as their code point in hex, and the whole cut to
     * {@value #MAX_ECHOED_LENGTH} characters with an ellipsis, so that one value stays one short piece of one line.
     */
    private static String echoed(String clientValue) {
        if (clientValue == null) {
            return "null";
        }
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < clientValue.length(); ) {
            int codePoint = clientValue.codePointAt(i);
            String piece = Character.isISOControl(codePoint) || isFormatOrSeparator(codePoint)
                    ? String.format("\\u%04x", codePoint)
                    : Character.toString(codePoint);
            if (shown.length() + piece.length() > MAX_ECHOED_LENGTH) {
                return shown.append('…').toString();
            }
            shown.append(piece);
            i += Character.charCount(codePoint);
        }
        return shown.toString();
    }

    private static boolean isFormatOrSeparator(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static SaslAuthenticationException failure(String reason) {
        return new SaslAuthenticationException(MECHANISM + " authentication failed: " + reason);
    }
}
