package dev.upbook.load;

import dev.upbook.spec.Durations;
import dev.upbook.spec.SourceRef;
import dev.upbook.spec.ast.Text;
import dev.upbook.spec.ast.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The keys of one mapping after {@link NodeReader#mapping} checked them. Accessors fall back to
 * the given default when a key is absent or its value had the wrong shape (already reported).
 */
public final class Fields {
    /** One key and its value node. */
    record Entry(String key, SourceRef keyAt, Node value) {}

    private final NodeReader reader;
    private final String path;
    private final SourceRef at;
    private final Map<String, Entry> entries;

    Fields(NodeReader reader, String path, SourceRef at, Map<String, Entry> entries) {
        this.reader = reader;
        this.path = path;
        this.at = at;
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public SourceRef at() {
        return at;
    }

    public String path() {
        return path;
    }

    public String path(String key) {
        return NodeReader.join(path, key);
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    public Optional<Node> node(String key) {
        return Optional.ofNullable(entries.get(key)).map(Entry::value);
    }

    /** Where the key's value starts, or where the mapping starts when the key is absent. */
    public SourceRef at(String key) {
        return node(key).map(reader::at).orElse(at);
    }

    private Optional<ScalarNode> scalar(String key) {
        return node(key).filter(n -> n instanceof ScalarNode && !NodeReader.isNull(n)).map(n -> (ScalarNode) n);
    }

    public Optional<Text> text(String key) {
        return scalar(key).map(s -> new Text(s.getValue(), reader.at(s)));
    }

    public Text text(String key, String fallback) {
        return text(key).orElse(new Text(fallback, at));
    }

    public String string(String key, String fallback) {
        return scalar(key).map(ScalarNode::getValue).orElse(fallback);
    }

    public boolean bool(String key, boolean fallback) {
        return scalar(key).map(s -> s.getValue().trim().toLowerCase(Locale.ROOT))
                .filter(v -> v.equals("true") || v.equals("false"))
                .map(Boolean::parseBoolean).orElse(fallback);
    }

    public int integer(String key, int fallback) {
        try {
            return scalar(key).map(s -> Integer.parseInt(s.getValue().trim())).orElse(fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public Optional<Duration> duration(String key) {
        return scalar(key).flatMap(s -> Durations.parse(s.getValue()));
    }

    /** The items of a list-valued key, each read by {@code item} with its own path. */
    public <T> List<T> list(String key, BiFunction<Node, String, T> item) {
        List<T> result = new ArrayList<>();
        node(key).filter(n -> n instanceof SequenceNode).ifPresent(n -> {
            List<Node> items = ((SequenceNode) n).getValue();
            for (int i = 0; i < items.size(); i++) {
                T value = item.apply(items.get(i), NodeReader.index(path(key), i));
                if (value != null) result.add(value);
            }
        });
        return result;
    }

    /** A list of scalars as positioned texts; non-scalar items are reported. */
    public List<Text> texts(String key) {
        return list(key, (n, p) -> {
            if (n instanceof ScalarNode && !NodeReader.isNull(n)) return new Text(((ScalarNode) n).getValue(), reader.at(n));
            reader.diagnostics().report(dev.upbook.spec.diag.Code.WRONG_TYPE, p, reader.at(n),
                    "expected a string, got " + NodeReader.shape(n));
            return null;
        });
    }

    public List<String> strings(String key) {
        return texts(key).stream().map(Text::value).toList();
    }

    /** The entries of a mapping-valued key (name to value), each read by {@code value}. */
    public <T> Map<String, T> map(String key, MapEntryReader<T> value) {
        Map<String, T> result = new LinkedHashMap<>();
        node(key).filter(n -> n instanceof MappingNode).ifPresent(n -> {
            for (NodeTuple t : reader.entries((MappingNode) n, path(key))) {
                String name = ((ScalarNode) t.getKeyNode()).getValue();
                T v = value.read(name, reader.at(t.getKeyNode()), t.getValueNode(), NodeReader.join(path(key), name));
                if (v != null) result.put(name, v);
            }
        });
        return result;
    }

    /** A free-form mapping value (e.g. {@code with}), empty when absent. */
    public Value.Mapping mapping(String key) {
        return node(key).filter(n -> n instanceof MappingNode)
                .map(n -> (Value.Mapping) reader.toValue(n, path(key)))
                .orElse(Value.Mapping.empty(at(key)));
    }

    public Optional<Value> value(String key) {
        return node(key).map(n -> reader.toValue(n, path(key)));
    }

    /** A scalar value with its style and content position (templates such as {@code manual}). */
    public Optional<Value.Scalar> scalarValue(String key) {
        return scalar(key).map(reader::scalar);
    }

    /** Reads one entry of a mapping-valued key. */
    @FunctionalInterface
    public interface MapEntryReader<T> {
        T read(String name, SourceRef nameAt, Node value, String path);
    }
}
