package io.msklambda.producer.spec;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;
import net.datafaker.Faker;

/**
 * The environment's Faker, made on first use with {@link Locale#ENGLISH} (not the JVM's default locale, so that pools
 * are the same on every machine) and {@code new Random(random.nextLong())} drawn from the environment's stream; a
 * spec without Faker fields draws nothing for it. Also resolves expressions once at init to check them.
 */
final class FakerSource {

    private final RandomGenerator random;
    private Faker faker;

    FakerSource(RandomGenerator random) {
        this.random = random;
    }

    Faker faker() {
        if (faker == null) {
            faker = seeded(random.nextLong());
        }
        return faker;
    }

    boolean used() {
        return faker != null;
    }

    /** A fresh Faker after a reseed, when the spec uses one. */
    void reseed(RandomGenerator fresh) {
        if (faker != null) {
            faker = seeded(fresh.nextLong());
        }
    }

    static Faker seeded(long seed) {
        return new Faker(Locale.ENGLISH, new Random(seed));
    }

    /** One value of {@code expression}, failing with the spec location when Datafaker cannot resolve it. */
    static String resolve(Faker faker, String expression, SpecNode at) {
        try {
            return faker.expression(expression);
        } catch (RuntimeException e) {
            throw SpecError.at(
                    at.pointer(),
                    at.node(),
                    "an expression Datafaker resolves; it cannot resolve " + expression
                            + ": the provider or method is unknown, or its locale file is missing from the jar (see"
                            + " README.md \"Custom payloads\" for the files shipped and how to add others) ("
                            + e.getMessage()
                            + ")");
        }
    }

    /** {@code size} values of {@code expression}; distinct ones when asked, in the order first made. */
    static String[] pool(Faker faker, String expression, int size, boolean distinct, SpecNode at) {
        String first = resolve(faker, expression, at);
        if (!distinct) {
            String[] values = new String[size];
            values[0] = first;
            for (int i = 1; i < size; i++) {
                values[i] = faker.expression(expression);
            }
            return values;
        }
        Set<String> values = new LinkedHashSet<>();
        values.add(first);
        // give up after a long run of draws without a new value: the expression has fewer distinct values
        for (int dry = 0; values.size() < size; ) {
            if (values.add(faker.expression(expression))) {
                dry = 0;
            } else if (++dry >= Math.max(1000, 10 * values.size())) {
                throw SpecError.at(
                        at.pointer(),
                        at.node(),
                        "an expression with at least " + size + " distinct values; found " + values.size()
                                + ", then none new in " + dry + " draws in a row");
            }
        }
        return values.toArray(String[]::new);
    }
}
