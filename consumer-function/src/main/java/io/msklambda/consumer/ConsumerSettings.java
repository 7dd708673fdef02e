package io.msklambda.consumer;

import io.msklambda.model.ConfigSource;
import io.msklambda.model.InvalidConfigException;
import io.msklambda.model.NumberSetting;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The consumer function's configuration, read once at init and validated there.
 *
 * @param aggregatesTable {@code AGGREGATES_TABLE} (required)
 * @param rejectsTable {@code REJECTS_TABLE} (required)
 * @param window {@code WINDOW_SECONDS}: the tumbling window, default 60 s
 * @param region {@code AWS_REGION}, which Lambda sets; required
 * @param dynamodbEndpoint {@code DYNAMODB_ENDPOINT}: an http(s) URL for DynamoDB Local, else the region's endpoint
 * @param writeConcurrency {@code WRITE_CONCURRENCY}: items written at once; the default stays within the
 *                         URL-connection client's five kept-alive connections per host
 */
public record ConsumerSettings(
        String aggregatesTable,
        String rejectsTable,
        Duration window,
        String region,
        Optional<URI> dynamodbEndpoint,
        int writeConcurrency) {

    public static final String AGGREGATES_TABLE = "AGGREGATES_TABLE";
    public static final String REJECTS_TABLE = "REJECTS_TABLE";
    public static final String AWS_REGION = "AWS_REGION";
    public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";
    public static final NumberSetting WINDOW_SECONDS = new NumberSetting("WINDOW_SECONDS", 60, 1, 86_400);
    public static final NumberSetting WRITE_CONCURRENCY = new NumberSetting("WRITE_CONCURRENCY", 4, 1, 64);
    private static final String TABLE_NAME_RULE = "a DynamoDB table name: 3 to 255 letters, digits, '_', '-' or '.'";

    public ConsumerSettings {
        requireTableName(AGGREGATES_TABLE, aggregatesTable);
        requireTableName(REJECTS_TABLE, rejectsTable);
        WINDOW_SECONDS.check(window.toSeconds());
        if (window.toMillis() % 1000 != 0) {
            throw new InvalidConfigException(WINDOW_SECONDS.name(), window.toString(), WINDOW_SECONDS.allowed());
        }
        if (region == null || !region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
            throw new InvalidConfigException(AWS_REGION, region, "an AWS region such as us-east-1");
        }
        Objects.requireNonNull(dynamodbEndpoint, DYNAMODB_ENDPOINT);
        WRITE_CONCURRENCY.check(writeConcurrency);
    }

    /** Settings with the default write concurrency. */
    public ConsumerSettings(String aggregatesTable, String rejectsTable, Duration window, String region,
                            Optional<URI> dynamodbEndpoint) {
        this(aggregatesTable, rejectsTable, window, region, dynamodbEndpoint, (int) WRITE_CONCURRENCY.defaultValue());
    }

    public static ConsumerSettings from(ConfigSource env) {
        return new ConsumerSettings(
                env.required(AGGREGATES_TABLE, TABLE_NAME_RULE),
                env.required(REJECTS_TABLE, TABLE_NAME_RULE),
                Duration.ofSeconds(WINDOW_SECONDS.read(env)),
                env.required(AWS_REGION, "an AWS region such as us-east-1 (Lambda sets it)"),
                env.optional(DYNAMODB_ENDPOINT).map(ConsumerSettings::endpoint),
                WRITE_CONCURRENCY.readInt(env));
    }

    private static URI endpoint(String text) {
        String allowed = "an http or https URL such as http://127.0.0.1:8000";
        try {
            URI uri = new URI(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidConfigException(DYNAMODB_ENDPOINT, text, allowed);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidConfigException(DYNAMODB_ENDPOINT, text, allowed);
        }
    }

    private static void requireTableName(String variable, String name) {
        if (name == null || !name.matches("[a-zA-Z0-9_.-]{3,255}")) {
            throw new InvalidConfigException(variable, name, TABLE_NAME_RULE);
        }
    }
}
