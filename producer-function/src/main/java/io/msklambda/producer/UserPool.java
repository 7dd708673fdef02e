package io.msklambda.producer;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.datafaker.Faker;

/**
 * The shop's recurring customers: user numbers 1..size, each with a short id made by Datafaker. The pool is
 * the same in every environment (a fixed seed), so concurrent producers share one customer base and the same
 * user recurs across orders, as downstream queries per user expect.
 *
 * <p>Faker runs here, once at init; the hot path only indexes the list.
 */
final class UserPool {

    static final int SIZE = 1_000;
    private static final long POOL_SEED = 1_000L;

    private final List<String> ids;

    private UserPool(List<String> ids) {
        this.ids = ids;
    }

    static UserPool create() {
        Faker faker = new Faker(new Random(POOL_SEED));
        Set<String> ids = new LinkedHashSet<>();
        while (ids.size() < SIZE) {
            ids.add(faker.letterify("?????"));
        }
        return of(List.copyOf(ids));
    }

    /** A pool of the given ids, user number n being {@code ids.get(n - 1)}. */
    static UserPool of(List<String> ids) {
        return new UserPool(List.copyOf(ids));
    }

    /** The id of user number {@code n}, 1-based. */
    String id(int n) {
        return ids.get(n - 1);
    }

    int size() {
        return ids.size();
    }
}
