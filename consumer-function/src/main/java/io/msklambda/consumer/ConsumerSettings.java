package io.msklambda.consumer;

import io.msklambda.model.ConfigSource;
import io.msklambda.model.InvalidConfigException;
import io.msklambda.model.NumberSetting;
import io.msklambda.model.PointerReader;
import io.msklambda.model.RecordObserver;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The consumer function's configuration, read once at init and validated there.
 *
 * @param aggregatesTable {@code AGGREGATES_TABLE} (required)
 * @param rejectsTable {@code REJECTS_TABLE} (required)
 * @param window {@code WINDOW_SECONDS}: the tumbling window, default 60 s
 * @param region {@code AWS_REGION}, which Lambda sets; required
 * @param dynamodbEndpoint {@code DYNAMODB_ENDPOINT}: an https URL, or an http URL on this machine (DynamoDB Local);
 *                         else the region's endpoint
 * @param writeConcurrency {@code WRITE_CONCURRENCY}: items written at once; the default stays within the
 *                         URL-connection client's five kept-alive connections per host
 * @param pointers {@code SERIES_FIELD}, {@code VALUE_FIELD}, {@code TIME_FIELD} (JSON Pointers, all three or none) and
 *                 {@code TIME_FORMAT} (default {@code iso}): where any JSON record holds its series, value and time;
 *                 empty for the presets, orders and telemetry (see {@link #observer()})
 */
public record ConsumerSettings(
        String aggregatesTable,
        String rejectsTable,
        Duration window,
        String region,
        Optional<URI> dynamodbEndpoint,
        int writeConcurrency,
        Optional<PointerReader> pointers) {

    public static final String AGGREGATES_TABLE = "AGGREGATES_TABLE";
    public static final String REJECTS_TABLE = "REJECTS_TABLE";
    public static final String AWS_REGION = "AWS_REGION";
    public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";
    public static final NumberSetting WINDOW_SECONDS = new NumberSetting("WINDOW_SECONDS", 60, 1, 86_400);
    public static final NumberSetting WRITE_CONCURRENCY = new NumberSetting("WRITE_CONCURRENCY", 4, 1, 64);
    /** A JSON Pointer to the series of a record, such as {@code /vehicle/id}; with the other two, or none. */
    public static final String SERIES_FIELD = PointerReader.SERIES_FIELD;
    /** A JSON Pointer to the number aggregated, such as {@code /battery/temp}. */
    public static final String VALUE_FIELD = PointerReader.VALUE_FIELD;
    /** A JSON Pointer to the event time, such as {@code /ts}. */
    public static final String TIME_FIELD = PointerReader.TIME_FIELD;
    /**
     * How {@code TIME_FIELD} is written: {@code iso} (the default), {@code epoch-millis}, {@code epoch-seconds} or a
     * pattern. Set without the pointers it fails the init, so a template leaves it blank by default.
     */
    public static final String TIME_FORMAT = PointerReader.TIME_FORMAT;
    /** {@code TIME_FORMAT}'s default. */
    public static final String DEFAULT_TIME_FORMAT = "iso";
    /** What a table name may be, as DynamoDB's naming rules say. */
    public static final String TABLE_NAME_RULE = "a DynamoDB table name: 3 to 255 letters, digits, '_', '-' or '.'";
    /**
     * Names of this machine that {@code DYNAMODB_ENDPOINT} may reach over plain http. Besides {@code localhost},
     * the names a container reaches its host by: {@code sam local invoke} runs the function in a container, where
     * 127.0.0.1 is the container itself, so events/env.json points it at DynamoDB Local through
     * {@code host.docker.internal} (Docker's name for the host,
     * https://docs.docker.com/desktop/networking/#i-want-to-connect-from-a-container-to-a-service-on-the-host), and
     * Podman users give {@code up --docker-host host.containers.internal}. Those requests do not leave the machine.
     */
    private static final Set<String> THIS_MACHINE =
            Set.of("localhost", "host.docker.internal", "host.containers.internal");

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

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
        Objects.requireNonNull(pointers, SERIES_FIELD);
    }

    /** Settings for the presets (no pointers). */
    public ConsumerSettings(
            String aggregatesTable,
            String rejectsTable,
            Duration window,
            String region,
            Optional<URI> dynamodbEndpoint,
            int writeConcurrency) {
        this(aggregatesTable, rejectsTable, window, region, dynamodbEndpoint, writeConcurrency, Optional.empty());
    }

    /** Settings with the default write concurrency. */
    public ConsumerSettings(
            String aggregatesTable,
            String rejectsTable,
            Duration window,
            String region,
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
                WRITE_CONCURRENCY.readInt(env),
                pointers(env));
    }

    /**
     * What reads each record: the {@link PointerReader} of {@code SERIES_FIELD}, {@code VALUE_FIELD}, {@code TIME_FIELD}
     * and {@code TIME_FORMAT} when they are set, else {@link RecordObserver#presets()} (orders and telemetry, told apart
     * by shape). A new presets instance each call: each keeps its own cache of series names.
     */
    public RecordObserver observer() {
        return pointers.<RecordObserver>map(reader -> reader).orElseGet(RecordObserver::presets);
    }

    /**
     * The three pointers and the format, or none. A partial set fails naming the missing variables, and
     * {@code TIME_FORMAT} alone fails too: each would otherwise be ignored, and every record aggregated as a preset or
     * rejected.
     */
    private static Optional<PointerReader> pointers(ConfigSource env) {
        List<String> variables = List.of(SERIES_FIELD, VALUE_FIELD, TIME_FIELD);
        List<String> set =
                variables.stream().filter(v -> env.optional(v).isPresent()).toList();
        Optional<String> format = env.optional(TIME_FORMAT);
        if (set.isEmpty()) {
            if (format.isPresent()) {
                throw new InvalidConfigException(
                        TIME_FORMAT,
                        format.get(),
                        "unset, as SERIES_FIELD, VALUE_FIELD and TIME_FIELD are (it is TIME_FIELD's format; the "
                                + "presets read their own times)");
            }
            return Optional.empty();
        }
        List<String> missing = variables.stream().filter(v -> !set.contains(v)).toList();
        if (!missing.isEmpty()) {
            throw new InvalidConfigException(
                    missing.get(0),
                    null,
                    PointerReader.POINTER_RULE + "; SERIES_FIELD, VALUE_FIELD and TIME_FIELD are set together or not at"
                            + " all, and " + String.join(", ", set) + " set while " + String.join(", ", missing)
                            + " not");
        }
        return Optional.of(new PointerReader(
                env.optional(SERIES_FIELD).get(),
                env.optional(VALUE_FIELD).get(),
                env.optional(TIME_FIELD).get(),
                format.orElse(DEFAULT_TIME_FORMAT)));
    }

    /**
     * The endpoint a {@code DYNAMODB_ENDPOINT} names. Plain http is for DynamoDB Local on this machine only: every
     * request carries the function's SigV4 signature and, from Lambda's role, its session token in a header, plus
     * the table's items, and over http any network on the way can read them.
     */
    private static URI endpoint(String text) {
        String allowed = "an http or https URL such as http://127.0.0.1:8000";
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidConfigException(DYNAMODB_ENDPOINT, text, allowed);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new InvalidConfigException(DYNAMODB_ENDPOINT, text, allowed);
        }
        if ("http".equals(uri.getScheme()) && !isThisMachine(uri.getHost())) {
            throw new InvalidConfigException(
                    DYNAMODB_ENDPOINT,
                    text,
                    "plain http only to this machine (127.0.0.0/8, "
                            + "[::1], localhost, host.docker.internal or host.containers.internal); any other host needs "
                            + "https, as the requests carry signed credentials and the table's items");
        }
        return uri;
    }

    /** Whether a URL's host is a loopback address or a name of this machine; never asks DNS. */
    private static boolean isThisMachine(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (THIS_MACHINE.contains(name)) {
            return true;
        }
        Matcher ipv4 = IPV4.matcher(name);
        if (ipv4.matches()) {
            for (int octet = 1; octet <= 4; octet++) {
                if (Integer.parseInt(ipv4.group(octet)) > 255) {
                    return false;
                }
            }
            return Integer.parseInt(ipv4.group(1)) == 127;
        }
        if (name.startsWith("[") && name.endsWith("]")) {
            try {
                // a bracketed host is an IPv6 literal (URI has checked its syntax), which InetAddress parses
                // without a look-up
                return InetAddress.getByName(name).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    /** Whether DynamoDB takes {@code name} as a table name. */
    public static boolean isTableName(String name) {
        return name != null && name.matches("[a-zA-Z0-9_.-]{3,255}");
    }

    private static void requireTableName(String variable, String name) {
        if (!isTableName(name)) {
            throw new InvalidConfigException(variable, name, TABLE_NAME_RULE);
        }
    }
}
