package io.msklambda.producer.spec;

/** {@code $decimal {min, max, decimals}}: {@code min + nextDouble() * (max - min)}, rounded half up to decimals. */
final class DecimalField extends DecimalValueField {

    private final double min;
    private final double width;

    private DecimalField(double min, double width, int decimals) {
        super(decimals);
        this.min = min;
        this.width = width;
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
        int decimals = decimals(args);
        DecimalText.requireExact(minNode, maxNode, decimals);
        return new DecimalField(min, max - min, decimals);
    }

    static int decimals(SpecNode args) {
        return args.required("decimals", "0 to " + DecimalText.MAX_DECIMALS).asInt(0, DecimalText.MAX_DECIMALS);
    }

    @Override
    void draw(Draw draw) {
        set(min + draw.random.nextDouble() * width);
    }
}
