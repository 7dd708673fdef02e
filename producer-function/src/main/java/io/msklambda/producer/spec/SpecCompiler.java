package io.msklambda.producer.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Compiles a spec's tree into fields: {@code /pools} first, then {@code /fields} in document order, then the key; the
 * draw order is {@code /draw}'s entries, then the rest of the fields in document order, then the key's own fields.
 */
final class SpecCompiler {

    static final String[] MEMBERS = {"name", "key", "draw", "pools", "observe", "fields"};

    private SpecCompiler() {}

    /**
     * {@code validating}: pools hold one value each (the expression is resolved, not drawn N times), unless they must
     * be distinct, and no per-key state is allocated. {@code seededPools}: the seeded pools an earlier pass made.
     */
    static CompiledSpec compile(
            JsonNode tree, FakerSource faker, boolean validating, Map<String, String[]> seededPools) {
        SpecNode root = new SpecNode(tree, "").object(MEMBERS);
        CompileContext context = new CompileContext(faker, validating, seededPools);
        context.pools(root.get("pools"));
        FieldCompiler compiler = new FieldCompiler(context);
        SpecNode fields = root.required("fields", "an object: the record's fields, in output order");
        if (!fields.node().isObject() || CompileContext.names(fields).stream().anyMatch(FieldCompiler::isGenerator)) {
            throw SpecError.at(fields.pointer(), fields.node(), "an object of the record's fields (not a generator)");
        }
        ObjectField value = (ObjectField) compiler.top(fields, "");
        context.fields.remove("");
        Field[] key = key(root.get("key"), compiler, context);
        List<String> order = drawOrder(root.get("draw"), context.fields);
        context.link(order);
        if (key[0] != null && !key[0].hasText()) {
            SpecNode text = root.get("key").get("$text");
            throw SpecError.at(
                    text.pointer(),
                    text.node(),
                    "the pointer of a field with a text value, not an object, an array or null");
        }
        List<Field> draws = new ArrayList<>();
        order.forEach(pointer -> draws.add(context.fields.get(pointer)));
        if (key[1] != null) {
            draws.add(key[1]);
        }
        return new CompiledSpec(
                value,
                draws.toArray(Field[]::new),
                key[0] != null ? key[0] : key[1],
                key[1] != null,
                context.stateful,
                Collections.unmodifiableMap(context.fields),
                context.seededPools());
    }

    /** {key as text or null, key as JSON or null}. */
    private static Field[] key(SpecNode spec, FieldCompiler compiler, CompileContext context) {
        if (spec.isMissing()) {
            return new Field[2];
        }
        spec.object("$text", "$json");
        if (spec.node().size() != 1) {
            throw SpecError.at(
                    spec.pointer(), spec.node(), "exactly one of {\"$text\": \"/pointer\"} or {\"$json\": …}");
        }
        SpecNode text = spec.get("$text");
        if (text.isMissing()) {
            return new Field[] {null, compiler.nested(spec.get("$json"))};
        }
        RefField ref = context.ref(text);
        return new Field[] {ref, null};
    }

    private static List<String> drawOrder(SpecNode draw, Map<String, Field> fields) {
        List<String> units = new ArrayList<>();
        fields.forEach((pointer, field) -> {
            if (!(field instanceof ObjectField)) {
                units.add(pointer);
            }
        });
        if (draw.isMissing()) {
            return units;
        }
        if (!draw.node().isArray()) {
            throw SpecError.at(draw.pointer(), draw.node(), "an array of JSON Pointers into /fields");
        }
        List<String> order = new ArrayList<>();
        for (int i = 0; i < draw.node().size(); i++) {
            SpecNode entry = new SpecNode(draw.node().get(i), draw.pointer() + "/" + i);
            String prefix = entry.asText("a JSON Pointer into /fields, e.g. \"/items\"");
            List<String> named = units.stream()
                    .filter(p -> p.equals(prefix) || p.startsWith(prefix + "/"))
                    .toList();
            if (named.isEmpty()) {
                throw SpecError.at(entry.pointer(), entry.node(), "the JSON Pointer of a field of /fields: " + units);
            }
            named.stream().filter(p -> !order.contains(p)).forEach(order::add);
        }
        units.stream().filter(p -> !order.contains(p)).forEach(order::add);
        return order;
    }
}
