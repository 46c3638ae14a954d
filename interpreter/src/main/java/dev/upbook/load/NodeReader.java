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
import java.util.regex.Pattern;
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
    /** Ids: lower-case words joined by '-' or '_'. */
    public static final Pattern ID = ValueShapes.ID;

    /** Which codes shape problems get: playbook keys and step parameters report differently. */
    public record Codes(Code wrongType, Code invalidValue, Code unknownKey, Code missingKey) {
        public static final Codes KEYS = new Codes(Code.WRONG_TYPE, Code.INVALID_VALUE, Code.UNKNOWN_KEY, Code.MISSING_KEY);
        public static final Codes PARAMETERS =
                new Codes(Code.PARAMETER_TYPE, Code.PARAMETER_TYPE, Code.UNKNOWN_PARAMETER, Code.MISSING_PARAMETER);
    }

    private final String file;
    private final Diagnostics diags;

    public NodeReader(String file, Diagnostics diags) {
        this.file = file;
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
        return mapping(node, spec.name(), spec.keys(), path, Codes.KEYS);
    }

    /** Like {@link #object}, for step parameters described by a step type. */
    public Fields mapping(Node node, String what, List<KeySpec> keys, String path, Codes codes) {
        Map<String, Fields.Entry> entries = new LinkedHashMap<>();
        if (!(node instanceof MappingNode)) {
            diags.report(codes.wrongType(), path, at(node), what + " must be a mapping, got " + shape(node));
            return new Fields(this, path, at(node), entries);
        }
        List<String> names = keys.stream().map(KeySpec::name).toList();
        for (Node bad : MergeKeys.invalidMergeValues((MappingNode) node)) {
            diags.report(Code.WRONG_TYPE, path, at(bad), "a merge key ('<<') takes a mapping or a list of mappings, got " + shape(bad));
        }
        for (NodeTuple tuple : MergeKeys.entries((MappingNode) node)) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode)) {
                diags.report(Code.WRONG_TYPE, path, at(keyNode), "keys must be plain words, got " + shape(keyNode));
                continue;
            }
            String key = ((ScalarNode) keyNode).getValue();
            String keyPath = join(path, key);
            if (entries.containsKey(key)) {
                diags.report(Code.DUPLICATE_KEY, keyPath, at(keyNode), "key '" + key + "' is given twice; the first is at "
                        + entries.get(key).keyAt(), "Remove or rename one of the two keys.");
                continue;
            }
            KeySpec spec = keys.stream().filter(k -> k.name().equals(key)).findFirst().orElse(null);
            if (spec == null) {
                diags.report(codes.unknownKey(), keyPath, at(keyNode), "unknown key '" + key + "' in " + what,
                        Suggestions.didYouMean(key, names, "Allowed here: " + String.join(", ", names) + "."));
                continue;
            }
            checkType(tuple.getValueNode(), spec.type(), keyPath, codes);
            entries.put(key, new Fields.Entry(key, at(keyNode), tuple.getValueNode()));
        }
        for (KeySpec spec : keys) {
            if (spec.required() && !entries.containsKey(spec.name())) {
                diags.report(codes.missingKey(), join(path, spec.name()), at(node),
                        what + " is missing the required key '" + spec.name() + "' (" + spec.type().describe() + ")",
                        "Add '" + spec.name() + ":' — " + spec.description());
            }
        }
        return new Fields(this, path, at(node), entries);
    }

    /** Reports when {@code node} does not have the shape of {@code type}; returns whether it does. */
    public boolean checkType(Node node, Type type, String path, Codes codes) {
        String problem = problem(node, type);
        if (problem == null) return true;
        Code code = codes.wrongType();
        if (codes == Codes.KEYS && path.equals("upbook") && node instanceof ScalarNode
                && ((ScalarNode) node).getValue().trim().matches("\\d+")) {
            diags.report(Code.UNSUPPORTED_DSL_VERSION, path, at(node), "this upbook reads DSL version "
                    + dev.upbook.spec.model.Language.DSL_VERSION + ", the file says 'upbook: " + ((ScalarNode) node).getValue() + "'");
            return false;
        }
        if (codes == Codes.KEYS) {
            if (type instanceof Type.Id && node instanceof ScalarNode) code = Code.INVALID_ID;
            else if (type instanceof Type.Duration && node instanceof ScalarNode) code = Code.INVALID_DURATION;
            else if (type instanceof Type.Enum && node instanceof ScalarNode) code = codes.invalidValue();
        }
        String hint = code.hint();
        if (type instanceof Type.Enum && node instanceof ScalarNode) {
            hint = Suggestions.didYouMean(((ScalarNode) node).getValue(), ((Type.Enum) type).values(),
                    "Use one of: " + String.join(", ", ((Type.Enum) type).values()) + ".");
        }
        if (type instanceof Type.ListOf && node instanceof ScalarNode) {
            hint = "Write a list, e.g. [" + ((ScalarNode) node).getValue() + "] or one '- item' per line.";
        }
        diags.report(code, path, at(node), problem, hint);
        return false;
    }

    /** Why {@code node} does not fit {@code type} at its top level, or null when it fits. */
    private static String problem(Node node, Type type) {
        return ValueShapes.problem(shallow(node), type);
    }

    private static Value shallow(Node node) {
        dev.upbook.spec.SourceRef none = dev.upbook.spec.SourceRef.NONE;
        if (node instanceof MappingNode) return Value.Mapping.empty(none);
        if (node instanceof SequenceNode) return new Value.Sequence(List.of(), none);
        ScalarNode s = (ScalarNode) node;
        return new Value.Scalar(s.getValue(), s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN, isNull(s), none);
    }

    public static boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    /** A short description of a node's shape for messages. */
    public static String shape(Node node) {
        return ValueShapes.describe(shallow(node));
    }

    /** A free-form value with positions (step parameters, defaults). */
    public Value toValue(Node node) {
        if (node instanceof MappingNode) {
            Map<String, Value> entries = new LinkedHashMap<>();
            Map<String, SourceRef> keys = new LinkedHashMap<>();
            for (NodeTuple t : MergeKeys.entries((MappingNode) node)) {
                String key = t.getKeyNode() instanceof ScalarNode ? ((ScalarNode) t.getKeyNode()).getValue() : "?";
                if (entries.containsKey(key)) {
                    diags.report(Code.DUPLICATE_KEY, key, at(t.getKeyNode()),
                            "key '" + key + "' is given twice; the first is at " + keys.get(key));
                    continue;
                }
                entries.put(key, toValue(t.getValueNode()));
                keys.put(key, at(t.getKeyNode()));
            }
            return new Value.Mapping(entries, keys, at(node));
        }
        if (node instanceof SequenceNode) {
            List<Value> items = new ArrayList<>();
            for (Node item : ((SequenceNode) node).getValue()) items.add(toValue(item));
            return new Value.Sequence(items, at(node));
        }
        ScalarNode s = (ScalarNode) node;
        boolean plain = s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
        return new Value.Scalar(s.getValue(), plain, isNull(s), at(node));
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }
}
