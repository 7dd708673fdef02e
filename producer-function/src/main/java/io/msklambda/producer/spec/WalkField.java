package io.msklambda.producer.spec;

import java.util.random.RandomGenerator;

/**
 * {@code $walk {per, min, max, step, decimals}}: a bounded random walk per key, telemetry's temperatures. Each record
 * moves its key's value by {@code (2 * nextDouble() - 1) * step}, reflected at min and max, and writes it rounded to
 * decimals. Start values are {@code min + nextDouble() * (max - min)} for keys 1..cardinality, drawn when the generator
 * is made and at every reseed, so restored environments diverge from their first record.
 */
final class WalkField extends DecimalValueField {

    private final double min;
    private final double max;
    private final double step;
    private KeyField per;
    private double[] values;

    private WalkField(double min, double max, double step, int decimals) {
        super(decimals);
        this.min = min;
        this.max = max;
        this.step = step;
    }

    static WalkField compile(SpecNode args, CompileContext context, String field) {
        args.object("per", "min", "max", "step", "decimals");
        SpecNode minNode = args.required("min", "a number");
        double min = minNode.asDouble();
        SpecNode maxNode = args.required("max", "a number above min");
        double max = maxNode.asDouble();
        if (max <= min) {
            throw SpecError.at(maxNode.pointer(), maxNode.node(), "a number above min (" + min + ")");
        }
        SpecNode stepNode = args.required("step", "a number above 0");
        DecimalText.requireExact(minNode, maxNode, DecimalField.decimals(args));
        double step = stepNode.asPositive();
        if (step > max - min) {
            throw SpecError.at(stepNode.pointer(), stepNode.node(), "a step not above max - min (" + (max - min) + ")");
        }
        WalkField walk = new WalkField(min, max, step, DecimalField.decimals(args));
        context.perKey(args.required("per", "the pointer of a $key field"), field, walk::per);
        context.stateful(walk::reseed);
        return walk;
    }

    private void per(KeyField key) {
        this.per = key;
        this.values = new double[key.cardinality + 1];
    }

    void reseed(RandomGenerator random) {
        for (int k = 1; k < values.length; k++) {
            values[k] = min + random.nextDouble() * (max - min);
        }
    }

    @Override
    void draw(Draw draw) {
        int k = per.key;
        double t = values[k] + (2 * draw.random.nextDouble() - 1) * step;
        if (t > max) {
            t = 2 * max - t;
        } else if (t < min) {
            t = 2 * min - t;
        }
        values[k] = t;
        set(t);
    }
}
