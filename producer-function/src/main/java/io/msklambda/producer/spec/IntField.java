package io.msklambda.producer.spec;

/**
 * {@code $int {min, max, skew?}}: {@code min + nextInt(max - min + 1)}; with {@code "skew": "cube"},
 * {@code min + (int) (u * u * u * (max - min + 1))} for {@code u = nextDouble()}, which favours low values (orders'
 * products). {@code min == max} draws nothing.
 */
final class IntField extends WholeValueField {

    private final long min;
    private final long span;
    private final boolean cube;

    private IntField(long min, long span, boolean cube) {
        this.min = min;
        this.span = span;
        this.cube = cube;
    }

    static IntField compile(SpecNode args) {
        args.object("min", "max", "skew");
        long min = args.required("min", "a whole number").asLong(Integer.MIN_VALUE, Integer.MAX_VALUE);
        SpecNode maxNode = args.required("max", "a whole number");
        long max = maxNode.asLong(Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (max < min) {
            throw SpecError.at(maxNode.pointer(), maxNode.node(), "a number not below min (" + min + ")");
        }
        SpecNode skew = args.get("skew");
        if (!skew.isMissing() && !"cube".equals(skew.node().textValue())) {
            throw SpecError.at(skew.pointer(), skew.node(), "\"cube\", or no skew");
        }
        return new IntField(min, max - min + 1, !skew.isMissing());
    }

    @Override
    void draw(Draw draw) {
        if (cube) {
            double u = draw.random.nextDouble();
            value = min + (long) (u * u * u * span);
        } else if (span == 1) {
            value = min;
        } else if (span <= Integer.MAX_VALUE) {
            value = min + draw.random.nextInt((int) span);
        } else {
            value = min + draw.random.nextLong(span);
        }
    }
}
