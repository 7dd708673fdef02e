package io.msklambda.producer.spec;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Turns one spec value into a {@link Field}: a constant, a Datafaker expression string, a nested object, or a
 * generator (an object with exactly one member, whose name starts with {@code $}).
 */
final class FieldCompiler {

    static final String GENERATORS =
            "$int, $decimal, $uuid, $choice, $key, $sequence, $walk, $time, $faker, $pick, $array, $asString, $ref";

    /** Element fields that nested {@code $array}s may make together: the product of their {@code max}. */
    static final int MAX_ELEMENT_SLOTS = 10_000;

    private final CompileContext context;
    /** How many times the field being compiled is made: the product of the enclosing arrays' {@code max}. */
    private int slots = 1;
    /** How many arrays enclose the field being compiled. */
    private int arrays;

    FieldCompiler(CompileContext context) {
        this.context = context;
    }

    /** A field outside any array or {@code $asString}, known by its pointer inside {@code fields}. */
    Field top(SpecNode spec, String field) {
        Field compiled = compile(spec, field);
        context.register(field, compiled);
        return compiled;
    }

    /** A field inside an array, a {@code $asString} or the key: no pointer reaches it, no per-key state. */
    Field nested(SpecNode spec) {
        return compile(spec, null);
    }

    private Field compile(SpecNode spec, String field) {
        JsonNode node = spec.node();
        if (node.isTextual() && node.textValue().contains("#{")) {
            return unpooled(spec, node.textValue());
        }
        if (node.isArray()) {
            return constantArray(spec);
        }
        if (!node.isObject()) {
            return new ConstantField(node);
        }
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        if (names.stream().anyMatch(FieldCompiler::isGenerator)) {
            if (names.size() != 1) {
                throw SpecError.at(
                        spec.pointer(),
                        spec.node(),
                        "a generator: an object with exactly one member, one of " + GENERATORS);
            }
            return generator(names.get(0), spec.get(names.get(0)), field);
        }
        return object(spec, names, field);
    }

    /** A member name that makes its object a generator: {@code $int}…; {@code $$name} is member {@code $name}. */
    static boolean isGenerator(String name) {
        return name.startsWith("$") && !name.startsWith("$$");
    }

    private Field object(SpecNode spec, List<String> names, String field) {
        SerializedString[] encoded = new SerializedString[names.size()];
        Field[] members = new Field[names.size()];
        for (int i = 0; i < members.length; i++) {
            String name = names.get(i);
            String written = name.startsWith("$$") ? name.substring(1) : name;
            encoded[i] = new SerializedString(written);
            SpecNode member = spec.get(name);
            members[i] = field == null ? nested(member) : top(member, field + "/" + SpecError.token(written));
        }
        return new ObjectField(encoded, members);
    }

    private Field generator(String name, SpecNode args, String field) {
        return switch (name) {
            case "$int" -> IntField.compile(args);
            case "$decimal" -> DecimalField.compile(args);
            case "$uuid" -> UuidField.compile(args);
            case "$choice" -> ChoiceField.compile(args);
            case "$key" -> KeyField.compile(inArray(args));
            case "$sequence" -> SequenceField.compile(args, context, stateful(args, field));
            case "$walk" -> WalkField.compile(args, context, stateful(args, field));
            case "$time" -> TimeField.compile(args);
            case "$faker" -> faker(args);
            case "$pick" -> new PoolField(context.namedPool(args));
            case "$array" -> ArrayField.compile(args, this);
            case "$asString" -> new AsStringField(nested(args));
            case "$ref" -> context.ref(args);
            default -> throw SpecError.at(args.pointer(), "an unknown generator " + name, "one of " + GENERATORS);
        };
    }

    /**
     * {@code count} fields made of {@code of}, the elements of an {@code $array} whose {@code max} is at
     * {@code maxNode}; nested arrays make at most {@link #MAX_ELEMENT_SLOTS} element fields.
     */
    Field[] elements(SpecNode of, SpecNode maxNode, int count) {
        long product = (long) slots * count;
        if (product > MAX_ELEMENT_SLOTS) {
            throw SpecError.at(
                    maxNode.pointer(),
                    maxNode.node() + " (with the enclosing $arrays' max, " + product + " element fields)",
                    "nested $arrays whose max multiply to at most " + MAX_ELEMENT_SLOTS
                            + ": each possible element is a field of its own");
        }
        int outer = slots;
        slots = (int) product;
        arrays++;
        try {
            Field[] elements = new Field[count];
            for (int i = 0; i < count; i++) {
                elements[i] = nested(of);
            }
            return elements;
        } finally {
            slots = outer;
            arrays--;
        }
    }

    /** A {@code $key} is one per record: not inside an {@code $array} (README.md, "Generators"). */
    private SpecNode inArray(SpecNode args) {
        if (arrays > 0) {
            throw SpecError.at(
                    args.pointer(), "a $key inside an $array", "a $key outside $array ($key, $walk and $sequence)");
        }
        return args;
    }

    /** Per-key state lives in one field: not in an array's elements, a {@code $asString} or the key. */
    private static String stateful(SpecNode args, String field) {
        if (field == null) {
            throw SpecError.at(
                    args.pointer(),
                    args.node(),
                    "a generator with per-key state is allowed only outside $array, $asString and the key");
        }
        return field;
    }

    private Field faker(SpecNode args) {
        if (args.node().isTextual()) {
            return unpooled(args, args.node().textValue());
        }
        args.object("expression", "pool");
        SpecNode expression = args.required("expression", "a Datafaker expression such as \"#{Internet.username}\"");
        String text = expression.asText("a Datafaker expression such as \"#{Internet.username}\"");
        SpecNode pool = args.get("pool");
        if (pool.isMissing()) {
            return unpooled(expression, text);
        }
        return new PoolField(context.fakerPool(expression, text, pool.asInt(1, CompileContext.MAX_POOL)));
    }

    private Field unpooled(SpecNode at, String expression) {
        FakerSource.resolve(context.faker().faker(), expression, at);
        return new FakerField(context.faker(), expression);
    }

    private static Field constantArray(SpecNode spec) {
        for (Iterator<JsonNode> it = spec.node().elements(); it.hasNext(); ) {
            JsonNode element = it.next();
            if (element.isContainerNode()
                    || element.isTextual() && element.textValue().contains("#{")) {
                throw SpecError.at(
                        spec.pointer(),
                        spec.node(),
                        "an array of constants; a generated array is {\"$array\": {\"min\": …, \"max\": …, \"of\": …}}");
            }
        }
        return new ConstantField(spec.node());
    }
}
