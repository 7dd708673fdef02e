package io.msklambda.tests.kafka.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msklambda.local.kafka.iam.IamAuthenticator;
import io.msklambda.local.kafka.iam.LocalPrincipal;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.msk.auth.iam.internals.AWS4SignedPayloadGenerator;
import software.amazon.msk.auth.iam.internals.AuthenticationRequestParams;

/**
 * The local broker's check of one {@code AWS_MSK_IAM} payload, without a broker: payloads signed by
 * aws-msk-iam-auth's own generator, or by the SDK's SigV4 signer where a test needs a client that signs
 * differently, then changed field by field. {@link IamListenerTest} runs the same check over a real listener.
 */
class IamAuthenticatorTest {

    private static final String REGION = "us-east-1";
    /** An MSK-shaped name, from which aws-msk-iam-auth takes the region it signs for. */
    private static final String HOST = "b-1.local.abcdef.c2.kafka.us-east-1.amazonaws.com";

    private static final LocalPrincipal PRODUCER = LocalPrincipal.generate("arn:aws:iam::000000000000:user/producer");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A line a client might try to slip into the broker's log through a value the broker quotes. */
    /** The most characters of one client value a message quotes. */
    private static final int MAX_QUOTED = 64;

    private static final String FORGED_LINE = "\n[2026-01-01 00:00:00,000] INFO Successfully authenticated User:admin";

    private final IamAuthenticator authenticator =
            new IamAuthenticator(REGION, List.of(HOST), List.of(PRODUCER), Clock.systemUTC());

    @Test
    void aPayloadFromAwsMskIamAuthAuthenticatesAsItsPrincipal() {
        assertThat(authenticator.authenticate(bytes(clientPayload()))).isEqualTo(PRODUCER);
    }

    @Test
    void aPayloadSignedForMoreThanFifteenMinutesIsRefusedEvenWithAGoodSignature() {
        ObjectNode payload = payloadSignedFor(Duration.ofHours(1));

        assertThatThrownBy(() -> authenticator.authenticate(bytes(payload)))
                .isInstanceOf(SaslAuthenticationException.class)
                .hasMessage("AWS_MSK_IAM authentication failed: x-amz-expires '3600' is not a number of seconds from 1 "
                        + "to 900 (aws-msk-iam-auth signs for 900)");
    }

    @Test
    void aPayloadSignedForExactlyFifteenMinutesAuthenticates() {
        assertThat(authenticator.authenticate(bytes(payloadSignedFor(Duration.ofSeconds(900)))))
                .isEqualTo(PRODUCER);
    }

    /**
     * The broker signs with the day of x-amz-date whatever the scope says, so a scope holding only the first digits
     * of that day (the year, say) would still meet a matching signature: the check on the scope is all that stops it.
     */
    @ParameterizedTest(name = "the first {0} digits of the day")
    @ValueSource(ints = {0, 1, 4, 6, 7})
    void aCredentialScopeDateThatIsOnlyAPrefixOfTheDayIsRefused(int digits) {
        ObjectNode payload = clientPayload();
        String day = payload.get("x-amz-date").asText().substring(0, 8);
        String scopeDate = day.substring(0, digits);
        String[] scope = payload.get("x-amz-credential").asText().split("/");
        payload.put("x-amz-credential", String.join("/", scope[0], scopeDate, scope[2], scope[3], scope[4]));

        assertThatThrownBy(() -> authenticator.authenticate(bytes(payload)))
                .isInstanceOf(SaslAuthenticationException.class)
                .hasMessage("AWS_MSK_IAM authentication failed: the credential scope's date '" + scopeDate + "' is not "
                        + day + ", the day of x-amz-date "
                        + payload.get("x-amz-date").asText());
    }

    static List<Arguments> forgedValues() {
        String forged = "x".repeat(10) + FORGED_LINE + "y".repeat(10_000);
        return List.of(
                Arguments.of("version", change("version", forged)),
                Arguments.of("host", change("host", forged)),
                Arguments.of("action", change("action", forged)),
                Arguments.of("x-amz-algorithm", change("x-amz-algorithm", forged)),
                Arguments.of("x-amz-signedheaders", change("x-amz-signedheaders", forged)),
                Arguments.of("x-amz-date", change("x-amz-date", forged)),
                Arguments.of("x-amz-expires", change("x-amz-expires", forged)),
                Arguments.of("scope date", changeScope(1, forged)),
                Arguments.of("scope region", changeScope(2, forged)),
                Arguments.of("scope service", changeScope(3, forged)),
                Arguments.of("access key id", changeScope(0, "AK\r\n" + forged)),
                Arguments.of("field name", (Consumer<ObjectNode>) payload -> payload.put(forged, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedValues")
    void aValueQuotedInAFailureIsClippedAndCannotStartALineOfItsOwn(String name, Consumer<ObjectNode> forge) {
        ObjectNode payload = clientPayload();
        forge.accept(payload);

        assertThatThrownBy(() -> authenticator.authenticate(bytes(payload)))
                .isInstanceOf(SaslAuthenticationException.class)
                .satisfies(failure -> assertThat(failure.getMessage())
                        .startsWith("AWS_MSK_IAM authentication failed: ")
                        .doesNotContain("\n", "\r", "y".repeat(MAX_QUOTED + 1))
                        .hasSizeLessThan(400));
    }

    @Test
    void controlAndFormatCharactersInAQuotedValueAreShownAsEscapes() {
        ObjectNode payload = clientPayload();
        payload.put("action", "kafka-cluster:\u001b[2JConnect\u202e\r\n");

        assertThatThrownBy(() -> authenticator.authenticate(bytes(payload)))
                .isInstanceOf(SaslAuthenticationException.class)
                .hasMessage(
                        "AWS_MSK_IAM authentication failed: the action is not kafka-cluster:Connect: "
                                + "'kafka-cluster:\\u001b[2JConnect\\u202e\\u000d\\u000a' (action must be 'kafka-cluster:Connect')");
    }

    @Test
    void aLongQuotedValueIsCutAfterSixtyFourCharactersWithAnEllipsis() {
        ObjectNode payload = clientPayload();
        payload.put("host", "h".repeat(1_000));

        assertThatThrownBy(() -> authenticator.authenticate(bytes(payload)))
                .isInstanceOf(SaslAuthenticationException.class)
                .hasMessage("AWS_MSK_IAM authentication failed: the payload is signed for host '"
                        + "h".repeat(MAX_QUOTED) + "…', which is not this broker [" + HOST + "]");
    }

    private static Consumer<ObjectNode> change(String field, String value) {
        return payload -> payload.put(field, value);
    }

    private static Consumer<ObjectNode> changeScope(int part, String value) {
        return payload -> {
            String[] scope = payload.get("x-amz-credential").asText().split("/");
            scope[part] = value;
            payload.put("x-amz-credential", String.join("/", scope));
        };
    }

    /** What aws-msk-iam-auth's client sends for {@link #PRODUCER} to {@link #HOST}, signed now, for 900 s. */
    private static ObjectNode clientPayload() {
        try {
            AuthenticationRequestParams params = AuthenticationRequestParams.create(
                    HOST, AwsBasicCredentials.create(PRODUCER.accessKeyId(), PRODUCER.secretAccessKey()), "tests");
            return (ObjectNode) JSON.readTree(new AWS4SignedPayloadGenerator().signedPayload(params));
        } catch (Exception e) {
            throw new IllegalStateException("aws-msk-iam-auth cannot sign a payload", e);
        }
    }

    /**
     * The payload a client would send that presigns {@code GET https://HOST/?Action=kafka-cluster:Connect} the way
     * aws-msk-iam-auth does but for {@code expiry}: a correct signature over a longer validity.
     */
    private static ObjectNode payloadSignedFor(Duration expiry) {
        SdkHttpRequest signed = AwsV4HttpSigner.create()
                .sign(sign -> sign.identity(
                                AwsCredentialsIdentity.create(PRODUCER.accessKeyId(), PRODUCER.secretAccessKey()))
                        .request(SdkHttpRequest.builder()
                                .method(SdkHttpMethod.GET)
                                .protocol("https")
                                .host(HOST)
                                .appendRawQueryParameter("Action", "kafka-cluster:Connect")
                                .build())
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kafka-cluster")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expiry)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(Instant.now(), ZoneOffset.UTC)))
                .request();
        ObjectNode payload = JSON.createObjectNode()
                .put("version", "2020_10_22")
                .put("host", HOST)
                .put("user-agent", "tests")
                .put("action", "kafka-cluster:Connect");
        signed.rawQueryParameters().forEach((name, values) -> {
            if (name.startsWith("X-Amz-")) {
                payload.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        return payload;
    }

    private static byte[] bytes(ObjectNode payload) {
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the payload back as JSON", e);
        }
    }
}
