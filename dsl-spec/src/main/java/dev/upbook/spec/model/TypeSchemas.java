package dev.upbook.spec.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Translates the language's {@link Type}s and {@link KeySpec}s to JSON Schema fragments.
 *
 * <p>The schema must never reject what {@code upbook lint} accepts, because an editor that
 * underlines a valid playbook teaches authors to ignore it. YAML editors type plain scalars by
 * their looks ({@code 1.10} is a number, {@code true} a boolean) while upbook reads every scalar
 * as text, so the scalar types that are often written unquoted also accept those JSON types.
 */
public final class TypeSchemas {

    public static final String ID_PATTERN = "^[a-z][a-z0-9_-]*$";
    public static final String DURATION_PATTERN = "^(\\d+(ms|d|h|m|s))+$";

    /** Defaults such as "the name" or "none" describe a value; they are not a value themselves. */
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9._*+-]+");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonNodeFactory json;

    public TypeSchemas(JsonNodeFactory json) {
        this.json = json;
    }

    /** A key or parameter: its type, its description, and its default where that is a literal value. */
    public ObjectNode keySchema(KeySpec key) {
        ObjectNode node = json.objectNode();
        Optional<JsonNode> literal = Optional.ofNullable(key.defaultValue()).flatMap(d -> literalDefault(key.type(), d));
        String description = key.description();
        if (key.defaultValue() != null && literal.isEmpty()) {
            description = description + " Default: " + key.defaultValue() + ".";
        }
        node.put("description", description);
        node.setAll(schema(key.type()));
        literal.ifPresent(value -> node.set("default", value));
        return node;
    }

    /**
     * The schema of a step type's {@code with:}: its parameters, the required ones, nothing else.
     * The annotation processor writes it into each declared type's jar; {@code upbook schema}
     * merges those (or builds this for a type declared by hand).
     */
    public ObjectNode withSchema(String summary, List<KeySpec> parameters) {
        ObjectNode with = json.objectNode();
        with.put("description", summary);
        with.put("type", "object");
        ObjectNode properties = with.putObject("properties");
        for (KeySpec parameter : parameters) properties.set(parameter.name(), keySchema(parameter));
        List<String> required = parameters.stream().filter(KeySpec::required).map(KeySpec::name).toList();
        if (!required.isEmpty()) {
            ArrayNode names = with.putArray("required");
            required.forEach(names::add);
        }
        with.put("additionalProperties", false);
        return with;
    }

    /** A secret parameter is a template naming an input, e.g. {@code {{ inputs.db_password }}}. */
    public static final String SECRET_PATTERN = "^\\s*\\{\\{\\s*inputs\\.[a-z][a-z0-9_-]*\\s*\\}\\}\\s*$";

    public ObjectNode schema(Type type) {
        ObjectNode node = json.objectNode();
        if (type instanceof Type.Str) {
            if (((Type.Str) type).templated()) types(node, "string", "number", "boolean");
            else node.put("type", "string");
        } else if (type instanceof Type.Int) {
            Type.Int range = (Type.Int) type;
            node.put("type", "integer");
            if (range.min() == range.max()) node.put("const", range.min());
            node.put("minimum", range.min());
            node.put("maximum", range.max());
        } else if (type instanceof Type.Bool) {
            node.put("type", "boolean");
        } else if (type instanceof Type.Duration) {
            node.put("type", "string");
            node.put("pattern", DURATION_PATTERN);
        } else if (type instanceof Type.Id) {
            node.put("type", "string");
            node.put("pattern", ID_PATTERN);
        } else if (type instanceof Type.Secret) {
            node.put("type", "string");
            node.put("pattern", SECRET_PATTERN);
        } else if (type instanceof Type.Version || type instanceof Type.Range) {
            types(node, "string", "number");
        } else if (type instanceof Type.Expression) {
            types(node, "string", "boolean");
        } else if (type instanceof Type.Enum) {
            ArrayNode values = node.putArray("enum");
            ((Type.Enum) type).values().forEach(values::add);
        } else if (type instanceof Type.ListOf) {
            node.put("type", "array");
            node.set("items", schema(((Type.ListOf) type).item()));
        } else if (type instanceof Type.MapOf) {
            Type value = ((Type.MapOf) type).value();
            node.put("type", "object");
            // Named objects (inputs, recoveries) are referenced by name, so their names are ids.
            if (value instanceof Type.Ref) node.putObject("propertyNames").put("pattern", ID_PATTERN);
            node.set("additionalProperties", schema(value));
        } else if (type instanceof Type.Ref) {
            node.put("$ref", "#/definitions/" + ((Type.Ref) type).object());
        } else if (type instanceof Type.OneOf) {
            ArrayNode options = node.putArray("anyOf");
            ((Type.OneOf) type).options().forEach(option -> options.add(schema(option)));
        } else if (!(type instanceof Type.Any)) {
            throw new IllegalArgumentException("no JSON Schema for type " + type);
        }
        return node;
    }

    private static void types(ObjectNode node, String... names) {
        ArrayNode array = node.putArray("type");
        for (String name : names) array.add(name);
    }

    /**
     * The default as a JSON value when it is one for the type ({@code "[]"}, {@code 5s},
     * {@code abort}); empty for prose defaults ({@code the name}, {@code none}).
     */
    Optional<JsonNode> literalDefault(Type type, String text) {
        if (type instanceof Type.Bool || type instanceof Type.Expression) {
            return text.equals("true") || text.equals("false") ? Optional.of(json.booleanNode(Boolean.parseBoolean(text))) : Optional.empty();
        }
        if (type instanceof Type.Int) {
            return INTEGER.matcher(text).matches() ? Optional.of(json.numberNode(Long.parseLong(text))) : Optional.empty();
        }
        if (type instanceof Type.ListOf || type instanceof Type.MapOf) {
            return parse(text).filter(n -> n.isArray() == (type instanceof Type.ListOf) && n.isContainerNode());
        }
        if (type instanceof Type.Enum) {
            return ((Type.Enum) type).values().contains(text) ? Optional.of(json.textNode(text)) : Optional.empty();
        }
        if (type instanceof Type.Duration) {
            return text.matches(DURATION_PATTERN) ? Optional.of(json.textNode(text)) : Optional.empty();
        }
        if (type instanceof Type.Id) {
            return text.matches(ID_PATTERN) ? Optional.of(json.textNode(text)) : Optional.empty();
        }
        if (type instanceof Type.Str || type instanceof Type.Version || type instanceof Type.Range) {
            if (text.startsWith("\"")) return parse(text).filter(JsonNode::isTextual);
            return WORD.matcher(text).matches() && !text.equals("none") ? Optional.of(json.textNode(text)) : Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> parse(String text) {
        try {
            return Optional.of(MAPPER.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
