package io.msklambda.producer.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** {@code $decimal {min, max, decimals}}: {@code min + nextDouble() * (max - min)}, rounded half up to decimals. */
final class DecimalField extends Field {

    private final double min;
    private final double width;
    private final DecimalText text;
    private long unscaled;

    private DecimalField(double min, double width, int decimals) {
        this.min = min;
        this.width = width;
        this.text = new DecimalText(decimals);
    }

    static DecimalField compile(SpecNode args) {
        args.object("min", "max", "decimals");
        SpecNode minNode = args.required("min", "a number");
        double min = minNode.asDouble();
        SpecNode maxNode = args.required("max", "a number");
        double max = maxNode.asDouble();
        if (max < min) {
            throw SpecError.at(maxNode.pointer(), maxNode.node(), "a number not below min (" + min + ")");
        }
        int decimals =
                args.required("decimals", "0 to " + DecimalText.MAX_DECIMALS).asInt(0, DecimalText.MAX_DECIMALS);
        DecimalText.requireExact(minNode, maxNode, decimals);
        return new DecimalField(min, max - min, decimals);
    }

    static int decimals(SpecNode args) {
        return args.required("decimals", "0 to " + DecimalText.MAX_DECIMALS).asInt(0, DecimalText.MAX_DECIMALS);
    }

    @Override
    void draw(Draw draw) {
        unscaled = text.unscaled(min + draw.random.nextDouble() * width);
    }

    @Override
    void write(JsonGenerator json) throws IOException {
        text.write(json, unscaled);
    }

    @Override
    boolean hasText() {
        return true;
    }

    @Override
    String text() {
        return text.text(unscaled);
    }
}
