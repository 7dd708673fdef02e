package io.msklambda.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Several JSON Pointers as one tree of their segments, so that one streaming pass over a record finds the values of
 * all of them: the parser enters only the members on a pointer's path and skips every other one whole
 * ({@link JsonParser#skipChildren}, which reads without building anything). Jackson's own {@code
 * JsonPointerBasedFilter} follows one pointer a pass. No pointer is a prefix of another (checked by
 * {@link PointerReader}), so a value is a leaf or a path, never both. Immutable once built; the walk keeps its state on
 * the stack, so one trie serves any number of threads.
 *
 * <p>A repeated member name counts as its last occurrence, as everywhere in the model: a leaf is overwritten, and
 * entering a path member again forgets what its earlier occurrence held. A segment matches an array element when it is
 * the element's index written without leading zeros (RFC 6901, section 4); {@code -} never matches.
 */
final class PointerTrie {

    private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]{0,8}");

    private static final class Node {
        private final Map<String, Node> children = new HashMap<>(4);
        private int leaf = -1;
        private int[] leavesBelow = new int[0];
        private boolean indexed;

        private Node child(String segment, int leafNumber) {
            indexed |= INDEX.matcher(segment).matches();
            Node child = children.computeIfAbsent(segment, s -> new Node());
            int[] below = Arrays.copyOf(child.leavesBelow, child.leavesBelow.length + 1);
            below[below.length - 1] = leafNumber;
            child.leavesBelow = below;
            return child;
        }
    }

    private final Node root = new Node();
    private final int leaves;

    /** @param pointers each pointer's unescaped segments, none empty and none a prefix of another */
    PointerTrie(List<List<String>> pointers) {
        for (int leaf = 0; leaf < pointers.size(); leaf++) {
            Node node = root;
            for (String segment : pointers.get(leaf)) {
                node = node.child(segment, leaf);
            }
            node.leaf = leaf;
        }
        this.leaves = pointers.size();
    }

    /**
     * The values at each pointer, in the order the pointers were given, null where the record has none.
     *
     * @param json a parser on the record's {@code START_OBJECT}; left on its {@code END_OBJECT}
     */
    JsonScalar[] find(JsonParser json) throws IOException {
        JsonScalar[] found = new JsonScalar[leaves];
        walk(json, root, found);
        return found;
    }

    private static void walk(JsonParser json, Node node, JsonScalar[] found) throws IOException {
        if (json.currentToken() == JsonToken.START_OBJECT) {
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                Node child = node.children.get(json.currentName());
                json.nextToken();
                visit(json, child, found);
            }
            return;
        }
        int index = 0;
        for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY && token != null; ) {
            visit(json, node.indexed ? node.children.get(Integer.toString(index)) : null, found);
            index++;
            token = json.nextToken();
        }
    }

    /** The value the parser is on, under {@code node}: kept, entered or skipped. */
    private static void visit(JsonParser json, Node node, JsonScalar[] found) throws IOException {
        if (node == null) {
            json.skipChildren();
        } else if (node.leaf >= 0) {
            found[node.leaf] = JsonScalar.read(json);
        } else {
            for (int leaf : node.leavesBelow) {
                found[leaf] = null;
            }
            if (json.currentToken().isStructStart()) {
                walk(json, node, found);
            }
        }
    }
}
