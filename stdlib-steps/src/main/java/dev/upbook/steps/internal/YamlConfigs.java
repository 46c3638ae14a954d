package dev.upbook.steps.internal;

import dev.upbook.steps.internal.ConfigFiles.Change;
import dev.upbook.steps.internal.ConfigFiles.ConfigFileException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * One YAML document for {@code config.yaml}, edited as SnakeYAML's node tree so that comments,
 * key order, quoting, flow collections and anchors of untouched parts survive the rewrite. Loading
 * is safe ({@link SafeConstructor}, limits on aliases, nesting and size, duplicate keys refused).
 */
public final class YamlConfigs {
    private static final Pattern INDENT = Pattern.compile("(?m)^( *)[^\\s#-][^\\n]*:[ \\t]*(?:#.*)?\\R\\1( +)[^\\s#-]");
    private static final Pattern SEQUENCE = Pattern.compile("(?m)^( *)[^\\s#-][^\\n]*:[ \\t]*(?:#.*)?\\R\\1( *)- ");
    private static final Pattern BLANK = Pattern.compile("(?m)^[ \\t]+$");

    private final Yaml yaml;
    private final Yaml loader;
    private final Yaml flow;
    private final Node root;
    private final List<List<String>> keep;
    private final List<Change> changes = new ArrayList<>();
    private final Resolver resolver = new Resolver();

    /** Parses {@code text} (the content of {@code file}); a failure names the file, line and column. */
    public YamlConfigs(Path file, String text, List<List<String>> keep) throws ConfigFileException {
        this.keep = List.copyOf(keep);
        this.yaml = yaml(true, dumperOptions(text));
        this.loader = yaml(false, new DumperOptions());
        DumperOptions flowOptions = new DumperOptions();
        flowOptions.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
        flowOptions.setWidth(Integer.MAX_VALUE);
        this.flow = yaml(false, flowOptions);
        List<Node> documents = new ArrayList<>();
        try {
            yaml.composeAll(new StringReader(text)).forEach(documents::add);
            loader.loadAll(text).forEach(document -> { }); // duplicate keys are found only when constructing
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String position = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            throw new ConfigFileException(file + " is not valid YAML" + position + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigFileException(file + " is not valid YAML: " + e.getMessage());
        }
        if (documents.size() != 1) {
            throw new ConfigFileException(file + " holds " + documents.size() + " YAML documents; config.yaml changes a file with one");
        }
        this.root = documents.get(0);
        if (!(root instanceof MappingNode)) {
            throw new ConfigFileException(file + " holds " + root.getNodeId() + " at the top, not a mapping of keys");
        }
    }

    private static Yaml yaml(boolean comments, DumperOptions dumper) {
        LoaderOptions options = new LoaderOptions();
        options.setProcessComments(comments);
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(100);
        options.setNestingDepthLimit(100);
        options.setCodePointLimit(16 * 1024 * 1024);
        dumper.setProcessComments(comments);
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options);
    }

    /** The layout of {@code text}: indent, how lists under a key are indented, line ending, document start. */
    private static DumperOptions dumperOptions(String text) {
        DumperOptions d = new DumperOptions();
        d.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        d.setWidth(4096);
        d.setSplitLines(false);
        Matcher indent = INDENT.matcher(text);
        int spaces = indent.find() ? Math.max(2, Math.min(9, indent.group(2).length())) : 2;
        d.setIndent(spaces);
        Matcher sequence = SEQUENCE.matcher(text);
        int indicator = sequence.find() ? sequence.group(2).length() : 0;
        if (indicator > 0) {
            d.setIndicatorIndent(Math.min(indicator, spaces));
            d.setIndentWithIndicator(true);
        }
        if (text.contains("\r\n")) d.setLineBreak(DumperOptions.LineBreak.WIN);
        d.setExplicitStart(text.startsWith("---"));
        return d;
    }

    /** A dotted key as path segments. */
    public static List<String> segments(String key) {
        List<String> out = List.of(key.split("\\.", -1));
        if (key.isEmpty() || out.contains("")) throw new IllegalArgumentException("'" + key + "' is not a dotted key such as database.host");
        return out;
    }

    /** Sets {@code value} at {@code path}: a mapping merges key by key, anything else replaces what is there. */
    public void set(List<String> path, Object value, String key) throws ConfigFileException {
        Node parent = root;
        for (int i = 0; i < path.size() - 1; i++) {
            Node child = child(parent, path.get(i));
            if (child == null) {
                child = new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
                put(parent, path.get(i), child, key);
            } else if (child instanceof ScalarNode s) {
                throw new ConfigFileException("cannot set " + key + ": " + String.join(".", path.subList(0, i + 1))
                        + " is the value '" + s.getValue() + "', not a mapping");
            }
            parent = child;
        }
        setChild(parent, path, value, key);
    }

    private void setChild(Node parent, List<String> path, Object value, String key) throws ConfigFileException {
        if (keep.contains(path)) return;
        String segment = path.get(path.size() - 1);
        Node current = child(parent, segment);
        if (value instanceof Map<?, ?> map && current instanceof MappingNode) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                List<String> sub = new ArrayList<>(path);
                sub.add(String.valueOf(e.getKey()));
                setChild(current, sub, e.getValue(), key);
            }
            return;
        }
        for (List<String> kept : keep) {
            if (current != null && kept.size() > path.size() && kept.subList(0, path.size()).equals(path)) {
                throw new IllegalArgumentException("set " + key + " replaces " + String.join(".", path)
                        + ", which holds the kept key " + String.join(".", kept));
            }
        }
        Node fresh = node(current == null ? withoutKept(value, path) : value, current);
        if (current != null && Objects.equals(construct(current), construct(fresh))) return;
        if (current != null) {
            fresh.setInLineComments(current.getInLineComments());
            fresh.setBlockComments(current.getBlockComments());
            fresh.setEndComments(current.getEndComments());
        }
        put(parent, segment, fresh, key);
        changes.add(new Change(String.join(".", path), text(current), text(fresh)));
    }

    /** What was set so far. */
    public List<Change> changes() {
        return List.copyOf(changes);
    }

    /** The document as text, in the file's layout. */
    public String write() {
        StringWriter out = new StringWriter();
        yaml.serialize(root, out);
        String raw = out.toString();
        // The emitter indents the blank lines it keeps; strip that unless it changed a value (a block scalar).
        String tidy = BLANK.matcher(raw).replaceAll("");
        return Objects.equals(loader.load(tidy), loader.load(raw)) ? tidy : raw;
    }

    /** A string given where the file has a number, boolean or date stays that type when it reads as one. */
    private Node node(Object value, Node current) {
        if (value instanceof String s && current instanceof ScalarNode c && !c.getTag().equals(Tag.STR)
                && resolver.resolve(NodeId.scalar, s, true).equals(c.getTag())) {
            return new ScalarNode(c.getTag(), s, null, null, DumperOptions.ScalarStyle.PLAIN);
        }
        Node fresh = yaml.represent(value);
        // The new value is written in the old one's style: quotes for quotes, flow for flow.
        if (fresh instanceof ScalarNode f && current instanceof ScalarNode c && f.getTag().equals(Tag.STR) && c.getTag().equals(Tag.STR)) {
            return new ScalarNode(Tag.STR, f.getValue(), null, null, c.getScalarStyle());
        }
        if (fresh instanceof SequenceNode f && current instanceof SequenceNode c) f.setFlowStyle(c.getFlowStyle());
        if (fresh instanceof MappingNode f && current instanceof MappingNode c) f.setFlowStyle(c.getFlowStyle());
        return fresh;
    }

    /** A new value for an absent key, without the kept keys under it (they stay absent). */
    private Object withoutKept(Object value, List<String> path) {
        if (!(value instanceof Map<?, ?> map)) return value;
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            List<String> sub = new ArrayList<>(path);
            sub.add(String.valueOf(e.getKey()));
            if (!keep.contains(sub)) out.put(e.getKey(), withoutKept(e.getValue(), sub));
        }
        return out;
    }

    private static Node child(Node parent, String segment) {
        if (parent instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(segment)) return t.getValueNode();
            }
        } else if (parent instanceof SequenceNode s && segment.matches("\\d{1,9}")) {
            int index = Integer.parseInt(segment);
            return index < s.getValue().size() ? s.getValue().get(index) : null;
        }
        return null;
    }

    private void put(Node parent, String segment, Node value, String key) throws ConfigFileException {
        if (parent instanceof MappingNode m) {
            List<NodeTuple> tuples = m.getValue();
            for (int i = 0; i < tuples.size(); i++) {
                if (tuples.get(i).getKeyNode() instanceof ScalarNode k && k.getValue().equals(segment)) {
                    tuples.set(i, new NodeTuple(k, value));
                    return;
                }
            }
            tuples.add(new NodeTuple(yaml.represent(segment), value));
            return;
        }
        List<Node> items = ((SequenceNode) parent).getValue();
        if (segment.equals(String.valueOf(items.size())) || segment.equals("-")) {
            items.add(value);
        } else if (segment.matches("\\d{1,9}") && Integer.parseInt(segment) < items.size()) {
            items.set(Integer.parseInt(segment), value);
        } else {
            throw new ConfigFileException("cannot set " + key + ": '" + segment + "' is not an index of a list of "
                    + items.size() + " (use 0 to " + items.size() + ")");
        }
    }

    /** The node's value as Java objects, numbers made comparable (1 == 1L). */
    private Object construct(Node node) {
        return normalized(load(node));
    }

    private Object load(Node node) {
        StringWriter out = new StringWriter();
        loader.serialize(withoutComments(node, new IdentityHashMap<>()), out);
        return loader.load(out.toString());
    }

    /** A copy of the tree without comments (the emitter cannot place a comment on a lone scalar); aliases stay shared. */
    private static Node withoutComments(Node node, Map<Node, Node> copies) {
        Node done = copies.get(node);
        if (done != null) return done;
        Node copy;
        if (node instanceof ScalarNode s) {
            copy = new ScalarNode(s.getTag(), s.getValue(), null, null, s.getScalarStyle());
        } else if (node instanceof SequenceNode s) {
            List<Node> items = new ArrayList<>();
            copy = new SequenceNode(s.getTag(), items, s.getFlowStyle());
            copies.put(node, copy);
            for (Node item : s.getValue()) items.add(withoutComments(item, copies));
        } else {
            MappingNode m = (MappingNode) node;
            List<NodeTuple> tuples = new ArrayList<>();
            copy = new MappingNode(m.getTag(), tuples, m.getFlowStyle());
            copies.put(node, copy);
            for (NodeTuple t : m.getValue()) {
                tuples.add(new NodeTuple(withoutComments(t.getKeyNode(), copies), withoutComments(t.getValueNode(), copies)));
            }
        }
        copies.put(node, copy);
        return copy;
    }

    private static Object normalized(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) return new BigInteger(value.toString());
        if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
            return new BigDecimal(value.toString()).stripTrailingZeros();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(normalized(k), normalized(v)));
            return out;
        }
        if (value instanceof List<?> list) return list.stream().map(YamlConfigs::normalized).toList();
        return value;
    }

    private String text(Node node) {
        if (node == null) return null;
        if (node instanceof ScalarNode s) return s.getValue();
        return flow.dump(load(node)).strip();
    }
}
