package dev.upbook.load;

import dev.upbook.spec.SourceRef;
import dev.upbook.spec.ast.Value;
import dev.upbook.spec.diag.Code;
import dev.upbook.spec.diag.Diagnostics;
import dev.upbook.spec.diag.Suggestions;
import dev.upbook.spec.model.KeySpec;
import dev.upbook.spec.model.ObjectSpec;
import dev.upbook.spec.model.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Checks SnakeYAML nodes against the language model and turns them into positioned values.
 * Every problem becomes a diagnostic; nothing is thrown for bad input.
 */
public final class NodeReader {
    private final String file;
    private final List<String> lines;
    private final Diagnostics diags;

    /** @param source the document text, used to find where the content of block scalars starts */
    public NodeReader(String file, String source, Diagnostics diags) {
        this.file = file;
        this.lines = source.lines().toList();
        this.diags = diags;
    }

    public Diagnostics diagnostics() {
        return diags;
    }

    public SourceRef at(Node node) {
        return SourceRef.fromZeroBased(file, node.getStartMark().getLine(), node.getStartMark().getColumn());
    }

    /**
     * Reads a mapping described by {@code spec}: reports a non-mapping, non-scalar keys, duplicate,
     * unknown and missing keys, and type errors of each value. Returns the fields that exist.
     */
    public Fields object(Node node, ObjectSpec spec, String path) {
        Map<String, Fields.Entry> entries = new LinkedHashMap<>();
        if (!(node instanceof MappingNode)) {
            diags.report(Code.WRONG_TYPE, path, at(node), "expected " + article(spec.name()) + " (a mapping), got " + shape(node),
                    "Write it as a mapping with the keys " + String.join(", ", spec.keyNames()) + ".");
            return new Fields(this, path, at(node), entries);
        }
        for (NodeTuple tuple : entries((MappingNode) node, path)) {
            String key = ((ScalarNode) tuple.getKeyNode()).getValue();
            String keyPath = join(path, key);
            Optional<KeySpec> spec0 = spec.key(key);
            if (spec0.isEmpty()) {
                diags.report(Code.UNKNOWN_KEY, keyPath, at(tuple.getKeyNode()), "unknown key '" + key + "' in " + spec.name(),
                        Suggestions.didYouMean(key, spec.keyNames(), "Allowed here: " + String.join(", ", spec.keyNames()) + "."));
                continue;
            }
            // objects are checked by object() when they are read, with their own message
            if (!(spec0.get().type() instanceof Type.Ref)) checkType(tuple.getValueNode(), spec0.get().type(), keyPath);
            entries.put(key, new Fields.Entry(key, at(tuple.getKeyNode()), tuple.getValueNode()));
        }
        for (KeySpec k : spec.keys()) {
            if (k.required() && !entries.containsKey(k.name())) {
                diags.report(Code.MISSING_KEY, join(path, k.name()), at(node),
                        spec.name() + " is missing the required key '" + k.name() + "' (" + k.type().describe() + ")",
                        "Add '" + k.name() + ":' — " + k.description());
            }
        }
        return new Fields(this, path, at(node), entries);
    }

    /**
     * The entries of a mapping with merge keys expanded; non-scalar and duplicate keys and bad
     * merge values are reported and left out.
     */
    List<NodeTuple> entries(MappingNode node, String path) {
        for (Node bad : MergeKeys.invalidMergeValues(node)) {
            diags.report(Code.WRONG_TYPE, join(path, "<<"), at(bad),
                    "a merge key ('<<') takes a mapping or a list of mappings, got " + shape(bad));
        }
        List<NodeTuple> result = new ArrayList<>();
        Map<String, SourceRef> seen = new LinkedHashMap<>();
        for (NodeTuple tuple : MergeKeys.entries(node)) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode) || NodeReader.isNull(keyNode)) {
                diags.report(Code.WRONG_TYPE, path, at(keyNode), "keys must be plain words, got " + shape(keyNode));
                continue;
            }
            String key = ((ScalarNode) keyNode).getValue();
            SourceRef first = seen.putIfAbsent(key, at(keyNode));
            if (first != null) {
                diags.report(Code.DUPLICATE_KEY, join(path, key), at(keyNode),
                        "key '" + key + "' is given twice; the first is at " + first, "Remove or rename one of the two keys.");
                continue;
            }
            result.add(tuple);
        }
        return result;
    }

    /** Reports when {@code node} does not have the shape of {@code type}; returns whether it does. */
    private boolean checkType(Node node, Type type, String path) {
        String problem = ValueShapes.problem(shallow(node), type);
        if (problem == null) return true;
        boolean scalar = node instanceof ScalarNode;
        Code code = Code.WRONG_TYPE;
        String hint = code.hint();
        if (scalar && type instanceof Type.Id) {
            code = Code.INVALID_ID;
            hint = code.hint();
        } else if (scalar && type instanceof Type.Duration) {
            code = Code.INVALID_DURATION;
            hint = code.hint();
        } else if (scalar && type instanceof Type.Enum) {
            code = Code.INVALID_VALUE;
            List<String> values = ((Type.Enum) type).values();
            hint = Suggestions.didYouMean(((ScalarNode) node).getValue(), values, "Use one of: " + String.join(", ", values) + ".");
        } else if (scalar && type instanceof Type.ListOf) {
            hint = "Write a list, e.g. [" + ((ScalarNode) node).getValue() + "] or one '- item' per line.";
        }
        diags.report(code, path, at(node), problem, hint);
        return false;
    }

    /** The node's top-level shape as a value, without reading (or reporting on) its children. */
    private static Value shallow(Node node) {
        SourceRef none = SourceRef.NONE;
        if (node instanceof MappingNode) return Value.Mapping.empty(none);
        if (node instanceof SequenceNode) return new Value.Sequence(List.of(), none);
        ScalarNode s = (ScalarNode) node;
        return new Value.Scalar(s.getValue(), style(s), isNull(s), none, none);
    }

    private static String article(String noun) {
        return (noun.matches("^[aeiou].*") ? "an " : "a ") + noun;
    }

    public static boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    /** A short description of a node's shape for messages. */
    public static String shape(Node node) {
        return ValueShapes.describe(shallow(node));
    }

    /** A free-form value with positions (step parameters, defaults); {@code path} names it in diagnostics. */
    public Value toValue(Node node, String path) {
        if (node instanceof MappingNode) {
            Map<String, Value> values = new LinkedHashMap<>();
            Map<String, SourceRef> keys = new LinkedHashMap<>();
            for (NodeTuple t : entries((MappingNode) node, path)) {
                String key = ((ScalarNode) t.getKeyNode()).getValue();
                values.put(key, toValue(t.getValueNode(), join(path, key)));
                keys.put(key, at(t.getKeyNode()));
            }
            return new Value.Mapping(values, keys, at(node));
        }
        if (node instanceof SequenceNode) {
            List<Value> items = new ArrayList<>();
            List<Node> nodes = ((SequenceNode) node).getValue();
            for (int i = 0; i < nodes.size(); i++) items.add(toValue(nodes.get(i), index(path, i)));
            return new Value.Sequence(items, at(node));
        }
        ScalarNode s = (ScalarNode) node;
        return new Value.Scalar(s.getValue(), style(s), isNull(s), at(node), contentAt(s));
    }

    /** A scalar as a positioned value (for keys whose value is a template). */
    public Value.Scalar scalar(ScalarNode node) {
        return new Value.Scalar(node.getValue(), style(node), isNull(node), at(node), contentAt(node));
    }

    private static Value.Style style(ScalarNode s) {
        DumperOptions.ScalarStyle style = s.getScalarStyle();
        if (style == DumperOptions.ScalarStyle.SINGLE_QUOTED) return Value.Style.SINGLE_QUOTED;
        if (style == DumperOptions.ScalarStyle.DOUBLE_QUOTED) return Value.Style.DOUBLE_QUOTED;
        if (style == DumperOptions.ScalarStyle.LITERAL) return Value.Style.LITERAL;
        if (style == DumperOptions.ScalarStyle.FOLDED) return Value.Style.FOLDED;
        return Value.Style.PLAIN;
    }

    /**
     * Where the content of a scalar starts: after the quote of a quoted scalar, on the first
     * non-blank line after the indicator of a block scalar ({@code |}, {@code >}).
     */
    private SourceRef contentAt(ScalarNode s) {
        int line = s.getStartMark().getLine();
        int column = s.getStartMark().getColumn();
        switch (style(s)) {
            case SINGLE_QUOTED:
            case DOUBLE_QUOTED:
                return SourceRef.fromZeroBased(file, line, column + 1);
            case LITERAL:
            case FOLDED:
                for (int l = line + 1; l < lines.size() && l <= s.getEndMark().getLine(); l++) {
                    String text = lines.get(l);
                    if (!text.isBlank()) return SourceRef.fromZeroBased(file, l, text.length() - text.stripLeading().length());
                }
                return at(s);
            default:
                return at(s);
        }
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }
}
