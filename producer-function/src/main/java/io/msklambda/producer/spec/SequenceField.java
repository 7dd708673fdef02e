package io.msklambda.producer.spec;

import java.util.Arrays;

/**
 * {@code $sequence {start?: 1, step?: 1, per?: "/pointer-of-a-$key"}}: start, start + step, ... for the environment,
 * or one such sequence per key. It draws nothing; the counters live as long as the environment.
 */
final class SequenceField extends WholeValueField {

    private final long start;
    private final long step;
    private KeyField per;
    private long[] next;

    private SequenceField(long start, long step) {
        this.start = start;
        this.step = step;
        this.next = new long[] {start};
    }

    static SequenceField compile(SpecNode args, CompileContext context, String field) {
        args.object("start", "step", "per");
        SequenceField sequence = new SequenceField(
                args.longOr("start", 1, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2),
                args.longOr("step", 1, -1_000_000_000, 1_000_000_000));
        SpecNode per = args.get("per");
        if (!per.isMissing()) {
            context.perKey(per, field, sequence::per);
        }
        return sequence;
    }

    private void per(KeyField key) {
        this.per = key;
        this.next = new long[key.cardinality + 1];
        Arrays.fill(next, start);
    }

    @Override
    void draw(Draw draw) {
        int k = per == null ? 0 : per.key;
        value = next[k];
        next[k] = value + step;
    }
}
