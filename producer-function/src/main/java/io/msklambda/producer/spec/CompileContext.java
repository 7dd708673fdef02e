package io.msklambda.producer.spec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * What compiling one spec shares between its fields: the Faker, the pools, the fields by pointer (for {@code $ref},
 * {@code per} and {@code draw}), links resolved once every field is known, and the per-key state to seed.
 */
final class CompileContext {

    static final int MAX_POOL = 1_000_000;
    /** Per-key values ({@code $walk} and {@code $sequence} with {@code per}) in all: 8 bytes each. */
    static final long MAX_KEY_SLOTS = 4_000_000;

    private final FakerSource faker;
    private final boolean validating;
    private final Map<String, String[]> pools = new HashMap<>();
    private final Map<String, String[]> seededPools;
    private final Map<String, RefField> refs = new LinkedHashMap<>();
    private final Map<String, SpecNode> refNodes = new HashMap<>();
    private final Map<String, String[]> madeSeeded = new HashMap<>();
    private long keySlots;
    private final Map<String, String[]> fakerPools = new HashMap<>();
    final Map<String, Field> fields = new LinkedHashMap<>();
    final List<Consumer<RandomGenerator>> stateful = new ArrayList<>();
    private final List<Runnable> links = new ArrayList<>();
    private final List<String[]> perOrder = new ArrayList<>();

    /** {@code seededPools}: the named pools with a seed made by an earlier pass, reused (empty for the first). */
    CompileContext(FakerSource faker, boolean validating, Map<String, String[]> seededPools) {
        this.faker = faker;
        this.validating = validating;
        this.seededPools = seededPools;
    }

    /** The named pools with a seed: the same in every environment, so made once per spec. */
    Map<String, String[]> seededPools() {
        Map<String, String[]> seeded = new HashMap<>(seededPools);
        seeded.putAll(madeSeeded);
        return Map.copyOf(seeded);
    }

    FakerSource faker() {
        return faker;
    }

    void register(String field, Field compiled) {
        fields.put(field, compiled);
    }

    void stateful(Consumer<RandomGenerator> reseed) {
        stateful.add(reseed);
    }

    /** {@code /pools}: each {@code {"$faker": "#{…}", "size": N, "seed"?: S, "distinct"?: true}}. */
    void pools(SpecNode spec) {
        if (spec.isMissing()) {
            return;
        }
        if (!spec.node().isObject()) {
            throw SpecError.at(
                    spec.pointer(), spec.node(), "an object of named pools: {\"users\": {\"$faker\": …, \"size\": …}}");
        }
        for (String name : names(spec)) {
            SpecNode pool = spec.get(name).object("$faker", "size", "seed", "distinct");
            SpecNode expression = pool.required("$faker", "a Datafaker expression such as \"#{letterify '?????'}\"");
            String text = expression.asText("a Datafaker expression such as \"#{letterify '?????'}\"");
            int size = pool.required("size", "1 to " + MAX_POOL).asInt(1, MAX_POOL);
            SpecNode seed = pool.get("seed");
            SpecNode distinct = pool.get("distinct");
            if (!distinct.isMissing() && !distinct.node().isBoolean()) {
                throw SpecError.at(distinct.pointer(), distinct.node(), "true or false");
            }
            boolean unique = !distinct.isMissing() && distinct.node().booleanValue();
            pools.put(name, pool(name, text, size, seed, unique, expression));
        }
    }

    /**
     * A seeded pool is made once (by the check) and reused; an unseeded one draws from the environment's Faker. The
     * check makes an unseeded pool whole only when it must hold distinct values (that is part of the check), else it
     * resolves the expression once.
     */
    private String[] pool(String name, String text, int size, SpecNode seed, boolean unique, SpecNode expression) {
        if (seed.isMissing()) {
            int made = validating && !unique ? 1 : size;
            return FakerSource.pool(faker.faker(), text, made, unique, expression);
        }
        String[] made = seededPools.get(name);
        if (made == null) {
            made = FakerSource.pool(
                    FakerSource.seeded(seed.asLong(Long.MIN_VALUE, Long.MAX_VALUE)), text, size, unique, expression);
            madeSeeded.put(name, made);
        }
        return made;
    }

    String[] namedPool(SpecNode args) {
        String name = args.asText("the name of a pool of /pools");
        String[] pool = pools.get(name);
        if (pool == null) {
            throw SpecError.at(args.pointer(), args.node(), "the name of a pool of /pools: " + pools.keySet());
        }
        return pool;
    }

    /** A pooled {@code $faker}'s values, made once per spec location (an array's elements share them). */
    String[] fakerPool(SpecNode at, String expression, int size) {
        return fakerPools.computeIfAbsent(
                at.pointer(), pointer -> FakerSource.pool(faker.faker(), expression, validating ? 1 : size, false, at));
    }

    RefField ref(SpecNode args) {
        RefField ref = new RefField();
        refs.putIfAbsent(args.pointer(), ref); // an array's elements share their spec location: one check does
        refNodes.putIfAbsent(args.pointer(), args);
        links.add(() -> {
            Field target = resolve(args);
            if (target instanceof RefField) {
                throw SpecError.at(args.pointer(), args.node(), "the pointer of a field that is not itself a $ref");
            }
            String own = args.pointer().startsWith("/fields/") ? args.pointer().substring("/fields".length()) : "";
            String named = args.node().textValue();
            if (own.equals(named) || own.startsWith(named + "/")) {
                throw SpecError.at(args.pointer(), args.node(), "the pointer of a field that does not hold this $ref");
            }
            ref.target(target);
        });
        return ref;
    }

    /** The field a pointer names, once all are compiled. */
    Field resolve(SpecNode pointer) {
        String text = pointer.asText("a JSON Pointer into /fields, e.g. \"/vehicle/id\"");
        Field target = fields.get(text);
        if (target == null) {
            throw SpecError.at(
                    pointer.pointer(),
                    pointer.node(),
                    "the JSON Pointer of a field of /fields outside arrays and $asString, e.g. "
                            + fields.keySet().stream().findFirst().orElse("/id"));
        }
        return target;
    }

    /**
     * {@code per}: a {@code $key} field, drawn before {@code field}. {@code then} allocates the per-key state: not
     * when validating, and only up to {@link #MAX_KEY_SLOTS} values in all.
     */
    void perKey(SpecNode per, String field, Consumer<KeyField> then) {
        links.add(() -> {
            if (!(resolve(per) instanceof KeyField key)) {
                throw SpecError.at(per.pointer(), per.node(), "the pointer of a $key field");
            }
            keySlots += key.cardinality;
            if (keySlots > MAX_KEY_SLOTS) {
                throw SpecError.at(
                        per.pointer(),
                        per.node() + ": " + field + " keeps a value per key (cardinality " + key.cardinality + "), "
                                + keySlots + " per-key values in all",
                        "at most " + MAX_KEY_SLOTS + " per-key values in all (each $key's cardinality times the"
                                + " $walk and $sequence fields kept per it)");
            }
            if (!validating) {
                then.accept(key);
            }
        });
        perOrder.add(new String[] {field, per.node().asText(), per.pointer()});
    }

    /** Resolves the links and checks that every {@code per} key is drawn before its field. */
    void link(List<String> drawOrder) {
        links.forEach(Runnable::run);
        refs.forEach((pointer, ref) -> {
            if (reaches(ref.target(), ref)) {
                SpecNode args = refNodes.get(pointer);
                throw SpecError.at(
                        pointer,
                        args.node(),
                        "the pointer of a field that does not lead back to this $ref (through objects, arrays,"
                                + " $asString or other $refs): a cycle would be written forever");
            }
        });
        for (String[] dependency : perOrder) {
            int at = drawOrder.indexOf(dependency[0]);
            if (drawOrder.indexOf(dependency[1]) > at) {
                throw SpecError.at(
                        dependency[2],
                        "\"" + dependency[1] + "\", drawn after " + dependency[0],
                        "a $key drawn before this field: put it first in /draw, or before this field in /fields");
            }
        }
    }

    /** Whether writing {@code from} writes {@code goal}. */
    private static boolean reaches(Field from, Field goal) {
        Set<Field> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Field> todo = new ArrayDeque<>();
        todo.push(from);
        while (!todo.isEmpty()) {
            Field field = todo.pop();
            if (field == goal) {
                return true;
            }
            if (seen.add(field)) {
                field.children(todo::push);
            }
        }
        return false;
    }

    static List<String> names(SpecNode spec) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = spec.node().fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
