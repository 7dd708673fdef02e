package io.msklambda.producer.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.IllegalFormatException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code $key {cardinality, format?, mode?}}: key number 1..cardinality, written as that number or through a
 * {@code String.format} pattern ({@code "EV-%04d"}). Mode {@code random} draws it uniformly; mode
 * {@code round-robin-by-shard} takes the invocation's own keys in turn (telemetry's devices: every shard its own keys,
 * each key at the same rate, no draw), see {@link io.msklambda.producer.Shard#ownedDevices}.
 */
final class KeyField extends Field {

    static final int MAX_CARDINALITY = 10_000_000;
    private static final int CACHED = 1 << 20;
    private static final Pattern CONVERSION = Pattern.compile("%[-0+ ,(#]*\\d*[dxXo]");

    final int cardinality;
    private final String format;
    private final boolean roundRobin;
    private final String[] texts;
    private long turn;
    int key;

    private KeyField(int cardinality, String format, boolean roundRobin) {
        this.cardinality = cardinality;
        this.format = format;
        this.roundRobin = roundRobin;
        this.texts = format != null && cardinality < CACHED ? new String[cardinality + 1] : null;
    }

    static KeyField compile(SpecNode args) {
        args.object("cardinality", "format", "mode");
        int cardinality =
                args.required("cardinality", "1 to " + MAX_CARDINALITY).asInt(1, MAX_CARDINALITY);
        SpecNode formatNode = args.get("format");
        String format = formatNode.isMissing() ? null : formatNode.asText("a String.format pattern, e.g. \"EV-%04d\"");
        if (format != null) {
            requireFormat(formatNode, format, cardinality);
        }
        SpecNode mode = args.get("mode");
        String modeName = mode.isMissing() ? "random" : mode.asText("random or round-robin-by-shard");
        if (!modeName.equals("random") && !modeName.equals("round-robin-by-shard")) {
            throw SpecError.at(mode.pointer(), mode.node(), "random or round-robin-by-shard");
        }
        return new KeyField(cardinality, format, modeName.equals("round-robin-by-shard"));
    }

    /**
     * Exactly one whole-number conversion ({@code %d}, {@code %x}, {@code %X}, {@code %o}, with flags and a width),
     * {@code %%} for a percent sign, and keys 1 and cardinality written differently.
     */
    private static void requireFormat(SpecNode formatNode, String format, int cardinality) {
        String conversions = format.replace("%%", "");
        int at = conversions.indexOf('%');
        boolean one = at >= 0 && conversions.indexOf('%', at + 1) < 0;
        String problem = one && CONVERSION.matcher(conversions.substring(at)).lookingAt() ? null : "it has not";
        if (problem == null) {
            try {
                if (cardinality > 1
                        && String.format(Locale.ROOT, format, 1)
                                .equals(String.format(Locale.ROOT, format, cardinality))) {
                    problem = "keys 1 and " + cardinality + " would be written alike";
                }
            } catch (IllegalFormatException e) {
                problem = e.toString();
            }
        }
        if (problem != null) {
            throw SpecError.at(
                    formatNode.pointer(),
                    formatNode.node(),
                    "a String.format pattern with exactly one whole-number conversion (%d, %x, %X or %o, with flags"
                            + " -0+ ,(# and a width), %% for a percent sign, e.g. \"EV-%04d\" (" + problem + ")");
        }
    }

    @Override
    void draw(Draw draw) {
        if (!roundRobin) {
            key = 1 + draw.random.nextInt(cardinality);
            return;
        }
        int owned = draw.shard.ownedDevices(cardinality);
        // a shard beyond the cardinality owns no key; it then takes all keys rather than publish nothing
        key = owned == 0 ? 1 + (int) (turn++ % cardinality) : draw.shard.device((int) (turn++ % owned));
    }

    @Override
    void write(JsonGenerator json) throws IOException {
        if (format == null) {
            json.writeNumber(key);
        } else {
            json.writeString(text());
        }
    }

    @Override
    boolean hasText() {
        return true;
    }

    @Override
    String text() {
        if (format == null) {
            return Integer.toString(key);
        }
        if (texts == null) {
            return String.format(Locale.ROOT, format, key);
        }
        String text = texts[key];
        if (text == null) {
            text = String.format(Locale.ROOT, format, key);
            texts[key] = text;
        }
        return text;
    }
}
