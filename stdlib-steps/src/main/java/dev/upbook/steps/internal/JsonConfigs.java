package dev.upbook.steps.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.upbook.steps.internal.ConfigFiles.Change;
import dev.upbook.steps.internal.ConfigFiles.ConfigFileException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON documents for {@code config.json}: strict reading with positions, deep merging, key paths
 * (a JSON pointer {@code /a/b} or a dotted key {@code a.b}), the list of changed keys, and writing
 * back in the file's own layout (indent, separator, line ending, final newline).
 */
public final class JsonConfigs {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    private static final Pattern INDENT = Pattern.compile("\\R([ \\t]+)\\S");
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue());
        return a.equals(b) ? 0 : 1;
    };

    private JsonConfigs() {}

    /** Parses {@code text} (the content of {@code file}); a failure names the file, line and column. */
    public static JsonNode parse(Path file, String text) throws ConfigFileException {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) throw new ConfigFileException(file + " is empty, not a JSON document");
            return node;
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            String position = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            throw new ConfigFileException(file + " is not valid JSON" + position + ": " + e.getOriginalMessage());
        }
    }

    /** A key as path segments: {@code /a/b~1c} (JSON pointer) or {@code a.b} (dotted). */
    public static List<String> segments(String key) {
        List<String> out = new ArrayList<>();
        if (key.startsWith("/")) {
            for (String s : key.substring(1).split("/", -1)) out.add(s.replace("~1", "/").replace("~0", "~"));
        } else {
            for (String s : key.split("\\.", -1)) out.add(s);
        }
        if (key.isEmpty() || (!key.startsWith("/") && out.contains(""))) {
            throw new IllegalArgumentException("'" + key + "' is not a key: use a dotted key such as"
                    + " SqlSettings.DataSource or a JSON pointer such as /SqlSettings/DataSource");
        }
        return out;
    }

    /** Merges {@code source} into {@code target} in place: objects key by key, anything else replaced. */
    public static JsonNode merge(JsonNode target, JsonNode source) {
        if (target instanceof ObjectNode t && source instanceof ObjectNode s) {
            s.fields().forEachRemaining(e -> {
                JsonNode current = t.get(e.getKey());
                t.set(e.getKey(), current == null ? e.getValue().deepCopy() : merge(current, e.getValue()));
            });
            return t;
        }
        return sameValue(target, source) ? target : source.deepCopy();
    }

    /**
     * Sets {@code value} at {@code path} inside {@code root}, creating missing objects on the way;
     * an object merges into an object there, anything else replaces what is there.
     */
    public static void set(JsonNode root, List<String> path, JsonNode value, String key) throws ConfigFileException {
        place(root, path, value, key, true);
    }

    /** Puts {@code value} at {@code path} inside {@code root} in place of whatever is there. */
    public static void replace(JsonNode root, List<String> path, JsonNode value, String key) throws ConfigFileException {
        place(root, path, value, key, false);
    }

    private static void place(JsonNode root, List<String> path, JsonNode value, String key, boolean merging) throws ConfigFileException {
        ContainerNode<?> parent = parentOf(root, path, key);
        String last = path.get(path.size() - 1);
        JsonNode current = childOf(parent, last);
        JsonNode merged = current == null || !merging ? value : merge(current, keepingType(current, value));
        if (parent instanceof ObjectNode o) {
            o.set(last, merged);
        } else {
            ArrayNode a = (ArrayNode) parent;
            int index = arrayIndex(a, last, key);
            if (index == a.size()) a.add(merged);
            else a.set(index, merged);
        }
    }

    /** The value at {@code path}, or null when there is none. */
    public static JsonNode get(JsonNode root, List<String> path) {
        JsonNode node = root;
        for (String segment : path) {
            if (node == null) return null;
            node = childOf(node, segment);
        }
        return node;
    }

    /** Removes the value at {@code path}, if there is one. */
    public static void remove(JsonNode root, List<String> path) {
        JsonNode parent = get(root, path.subList(0, path.size() - 1));
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode o) o.remove(last);
        else if (parent instanceof ArrayNode a && childOf(a, last) != null) a.remove(Integer.parseInt(last));
    }

    /** The changed keys between two documents, object members compared one by one. */
    public static List<Change> changes(JsonNode before, JsonNode after) {
        List<Change> out = new ArrayList<>();
        diff(new ArrayList<>(), before, after, out);
        return out;
    }

    private static void diff(List<String> path, JsonNode before, JsonNode after, List<Change> out) {
        if (before instanceof ObjectNode b && after instanceof ObjectNode a) {
            Set<String> names = new LinkedHashSet<>();
            b.fieldNames().forEachRemaining(names::add);
            a.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                path.add(name);
                diff(path, b.get(name), a.get(name), out);
                path.remove(path.size() - 1);
            }
        } else if (before == null || after == null || !sameValue(before, after)) {
            out.add(new Change(display(path), text(before), text(after)));
        }
    }

    /** Serializes {@code document} in the layout of {@code original}. */
    public static String write(JsonNode document, String original) throws JsonProcessingException {
        String eol = original.contains("\r\n") ? "\r\n" : "\n";
        String body = original.strip();
        boolean compact = !body.contains("\n");
        String text;
        if (compact) {
            text = MAPPER.writeValueAsString(document);
        } else {
            Matcher m = INDENT.matcher(body);
            String indent = m.find() ? m.group(1) : "  ";
            Separators separators = Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(body.contains("\" :") ? Separators.Spacing.BOTH : Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("").withArrayEmptySeparator("");
            DefaultIndenter indenter = new DefaultIndenter(indent, eol);
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators)
                    .withObjectIndenter(indenter).withArrayIndenter(indenter);
            text = MAPPER.writer(printer).writeValueAsString(document);
        }
        return original.endsWith("\n") ? text + eol : text;
    }

    /** A string given for a number or boolean that is there becomes a number or boolean (templates render to strings). */
    private static JsonNode keepingType(JsonNode current, JsonNode value) {
        if (!value.isTextual()) return value;
        String s = value.textValue().strip();
        if (current.isNumber() && JSON_NUMBER.matcher(s).matches()) return DecimalNode.valueOf(new BigDecimal(s));
        if (current.isBoolean() && (s.equals("true") || s.equals("false"))) return BooleanNode.valueOf(s.equals("true"));
        return value;
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        return a.equals(SAME_VALUE, b);
    }

    private static ContainerNode<?> parentOf(JsonNode root, List<String> path, String key) throws ConfigFileException {
        JsonNode node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String segment = path.get(i);
            JsonNode child = childOf(node, segment);
            if (child == null && node instanceof ObjectNode o) {
                child = o.putObject(segment);
            } else if (child == null && node instanceof ArrayNode a && arrayIndex(a, segment, key) == a.size()) {
                child = a.addObject();
            }
            if (child == null) throw new ConfigFileException("cannot set " + key + ": " + display(path.subList(0, i + 1)) + " does not exist");
            node = child;
        }
        if (!node.isContainerNode()) {
            throw new ConfigFileException("cannot set " + key + ": " + display(path.subList(0, path.size() - 1))
                    + " is " + node.getNodeType().name().toLowerCase() + " " + node + ", not an object");
        }
        return (ContainerNode<?>) node;
    }

    private static JsonNode childOf(JsonNode node, String segment) {
        if (node instanceof ObjectNode o) return o.get(segment);
        if (node instanceof ArrayNode a && segment.matches("\\d{1,9}")) return a.get(Integer.parseInt(segment));
        return null;
    }

    /** An index into {@code array}: an existing one, or its size ({@code -} too) to append. */
    private static int arrayIndex(ArrayNode array, String segment, String key) throws ConfigFileException {
        if (segment.equals("-")) return array.size();
        if (segment.matches("\\d{1,9}")) {
            int index = Integer.parseInt(segment);
            if (index < array.size() || index == array.size()) return index;
        }
        throw new ConfigFileException("cannot set " + key + ": '" + segment + "' is not an index of a list of "
                + array.size() + " (use 0 to " + array.size() + ", or - to append)");
    }

    /** A path for messages: dotted, or a JSON pointer when a segment holds a dot or slash. */
    private static String display(List<String> path) {
        boolean dotted = path.stream().noneMatch(s -> s.contains(".") || s.contains("/") || s.isEmpty());
        if (dotted) return String.join(".", path);
        StringBuilder sb = new StringBuilder();
        for (String s : path) sb.append('/').append(s.replace("~", "~0").replace("/", "~1"));
        return sb.toString();
    }

    private static String text(JsonNode node) {
        if (node == null) return null;
        return node.isTextual() ? node.textValue() : node.toString();
    }
}
