package io.msklambda.producer.spec;

import com.fasterxml.jackson.core.io.SerializedString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** {@code $choice {"value": weight, ...}}: one of the values, each with probability weight / sum of weights. */
final class ChoiceField extends ChosenField {

    private final long[] cumulative;

    private ChoiceField(SerializedString[] values, long[] cumulative) {
        super(values);
        this.cumulative = cumulative;
    }

    static ChoiceField compile(SpecNode args) {
        if (!args.node().isObject() || args.node().isEmpty()) {
            throw SpecError.at(args.pointer(), args.node(), "an object of values and positive whole weights");
        }
        List<SerializedString> values = new ArrayList<>();
        long[] cumulative = new long[args.node().size()];
        long total = 0;
        for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it =
                        args.node().fields();
                it.hasNext(); ) {
            String value = it.next().getKey();
            SpecNode weight = args.get(value);
            if (!weight.node().isIntegralNumber() || weight.node().longValue() <= 0) {
                throw SpecError.at(weight.pointer(), weight.node(), "a weight: a whole number above 0");
            }
            total = Math.addExact(total, weight.asLong(1, Integer.MAX_VALUE));
            cumulative[values.size()] = total;
            values.add(new SerializedString(value));
        }
        return new ChoiceField(values.toArray(SerializedString[]::new), cumulative);
    }

    @Override
    void draw(Draw draw) {
        long r = draw.random.nextLong(cumulative[cumulative.length - 1]);
        int i = 0;
        while (cumulative[i] <= r) {
            i++;
        }
        chosen = i;
    }
}
