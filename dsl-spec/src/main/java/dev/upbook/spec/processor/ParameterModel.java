package dev.upbook.spec.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.palantir.javapoet.CodeBlock;
import dev.upbook.spec.Durations;
import dev.upbook.spec.model.KeySpec;
import dev.upbook.spec.model.Type;
import dev.upbook.spec.spi.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One {@code With} component read by the processor: its parameter name, language type, default and
 * the code that binds it. Problems in the declaration go to {@code problems} (reported on the
 * component by the processor) and leave the model unusable.
 */
final class ParameterModel {
    private static final ObjectMapper JSON = new ObjectMapper();

    final String component;
    final String name;
    final ParameterKind kind;
    final Param param;
    final Type type;
    final KeySpec key;
    private final String defaultValue;

    private ParameterModel(String component, ParameterKind kind, Param param, Type type, KeySpec key, String defaultValue) {
        this.component = component;
        this.name = key.name();
        this.kind = kind;
        this.param = param;
        this.type = type;
        this.key = key;
        this.defaultValue = defaultValue;
    }

    /** {@code deleteExtra} → {@code delete-extra}. */
    static String kebab(String component) {
        StringBuilder sb = new StringBuilder();
        for (char c : component.toCharArray()) {
            if (Character.isUpperCase(c)) sb.append('-').append(Character.toLowerCase(c));
            else sb.append(c);
        }
        return sb.toString();
    }

    static Optional<ParameterModel> read(String component, String javaType, Param param, Consumer<String> problems) {
        List<String> found = new ArrayList<>();
        Optional<ParameterKind> kind = ParameterKind.of(javaType);
        if (kind.isEmpty()) {
            problems.accept("parameter '" + component + "' has type " + javaType + ", which upbook cannot bind; use one of: "
                    + ParameterKind.supported());
            return Optional.empty();
        }
        ParameterKind k = kind.get();
        String def = Param.NONE.equals(param.defaultValue()) ? null : param.defaultValue();
        String absent = Param.NONE.equals(param.whenAbsent()) ? null : param.whenAbsent();
        if (param.value().isBlank()) found.add("needs a description");
        if (!Param.NONE.equals(param.name()) && !param.name().matches("[a-z][a-z0-9-]*")) {
            found.add("has name '" + param.name() + "'; parameter names are lower-case words joined by '-'");
        }
        if (param.required() && def != null) found.add("is required and cannot have a defaultValue");
        if (param.required() && !k.isCollection()) found.add("uses required = true, which only lists and mappings need "
                + "(a scalar without defaultValue that is not Optional is required already)");
        if (k.optional && def != null) found.add("is Optional and cannot have a defaultValue; use the plain type with a default");
        if (absent != null && !k.optional) found.add("has whenAbsent, which only Optional parameters use");
        if (param.oneOf().length > 0 && !k.isText()) found.add("uses oneOf, which only String parameters use");
        if (param.secret() && !k.isText()) found.add("is secret, which only String parameters can be");
        if (param.secret() && param.oneOf().length > 0) found.add("cannot be both secret and oneOf");
        if (param.expression() && !k.isBool()) found.add("is an expression, which only boolean parameters can be");
        if (param.acceptsSingle() && k != ParameterKind.TEXTS) found.add("uses acceptsSingle, which only List<String> parameters use");
        Type type = typeOf(k, param);
        if (def != null) defaultProblem(k, type, def).ifPresent(found::add);
        if (!found.isEmpty()) {
            found.forEach(p -> problems.accept("parameter '" + component + "' " + p));
            return Optional.empty();
        }
        boolean required = param.required() || (!k.optional && !k.isCollection() && def == null);
        String shownDefault = required ? null : def != null ? def : absent != null ? absent
                : k.isCollection() ? (k == ParameterKind.TEXT_MAP || k == ParameterKind.VALUE_MAP ? "{}" : "[]") : "none";
        String example = Param.NONE.equals(param.example()) ? null : param.example();
        String name = Param.NONE.equals(param.name()) ? kebab(component) : param.name();
        KeySpec key = new KeySpec(name, type, required, shownDefault, param.value(), example);
        return Optional.of(new ParameterModel(component, k, param, type, key, def));
    }

    private static Type typeOf(ParameterKind kind, Param param) {
        Type text = param.secret() ? new Type.Secret()
                : param.oneOf().length > 0 ? new Type.Enum(List.of(param.oneOf())) : Type.template();
        switch (kind) {
            case TEXT: case OPTIONAL_TEXT: return text;
            case BOOL: case OPTIONAL_BOOL: return param.expression() ? new Type.Expression() : new Type.Bool();
            case INTEGER: case OPTIONAL_INTEGER: return Type.nonNegative();
            case DURATION: case OPTIONAL_DURATION: return new Type.Duration();
            case TEXTS: return param.acceptsSingle()
                    ? new Type.OneOf(List.of(Type.template(), new Type.ListOf(Type.template())))
                    : new Type.ListOf(Type.template());
            case INTEGERS: return new Type.ListOf(Type.nonNegative());
            case VALUES: return new Type.ListOf(new Type.Any());
            case TEXT_MAP: return new Type.MapOf(Type.template());
            case VALUE_MAP: return new Type.MapOf(new Type.Any());
            default: throw new AssertionError(kind);
        }
    }

    private static Optional<String> defaultProblem(ParameterKind kind, Type type, String def) {
        switch (kind) {
            case BOOL:
                return def.equals("true") || def.equals("false") ? Optional.empty() : Optional.of("has defaultValue '" + def + "', not true or false");
            case INTEGER:
                return def.matches("\\d+") ? Optional.empty() : Optional.of("has defaultValue '" + def + "', not an integer >= 0");
            case DURATION:
                return Durations.parse(def).isPresent() ? Optional.empty() : Optional.of("has defaultValue '" + def + "', not a duration such as 30s");
            case TEXT:
                if (type instanceof Type.Enum && !((Type.Enum) type).values().contains(def)) {
                    return Optional.of("has defaultValue '" + def + "', which is not one of its oneOf values " + ((Type.Enum) type).values());
                }
                return Optional.empty();
            case TEXTS: case INTEGERS: case VALUES: case TEXT_MAP: case VALUE_MAP:
                return json(def).filter(n -> (kind == ParameterKind.TEXT_MAP || kind == ParameterKind.VALUE_MAP) ? n.isObject() : n.isArray())
                        .isPresent() ? Optional.empty()
                        : Optional.of("has defaultValue '" + def + "', which is not a JSON " + (kind.name().endsWith("MAP") ? "object" : "array"));
            default:
                return Optional.empty();
        }
    }

    private static Optional<JsonNode> json(String text) {
        try {
            return Optional.of(JSON.readTree(text));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The expression that reads this parameter from {@code p} (a {@code Parameters}). */
    CodeBlock binding() {
        switch (kind) {
            case TEXT:
                if (type instanceof Type.Enum) return CodeBlock.of("p.oneOf($S, $L, $S)", name, stringList(((Type.Enum) type).values()), defaultValue);
                return defaultValue == null ? CodeBlock.of("p.text($S)", name) : CodeBlock.of("p.text($S, $S)", name, defaultValue);
            case OPTIONAL_TEXT:
                if (type instanceof Type.Enum) {
                    return CodeBlock.of("$T.ofNullable(p.oneOf($S, $L, null))", Optional.class, name, stringList(((Type.Enum) type).values()));
                }
                return CodeBlock.of("p.optionalText($S)", name);
            case BOOL: return CodeBlock.of("p.bool($S, $L)", name, defaultValue == null ? "false" : defaultValue);
            case OPTIONAL_BOOL: return CodeBlock.of("p.optionalBool($S)", name);
            case INTEGER: return CodeBlock.of("p.integer($S, $LL)", name, defaultValue == null ? "0" : defaultValue);
            case OPTIONAL_INTEGER: return CodeBlock.of("p.optionalInteger($S)", name);
            case DURATION:
                return defaultValue == null ? CodeBlock.of("p.duration($S).orElseThrow()", name) : CodeBlock.of("p.duration($S, $S)", name, defaultValue);
            case OPTIONAL_DURATION: return CodeBlock.of("p.duration($S)", name);
            case TEXTS: return orDefault(CodeBlock.of("p.texts($S)", name), element -> CodeBlock.of("$S", element.asText()));
            case INTEGERS: return orDefault(CodeBlock.of("p.integers($S, $T.of())", name, List.class), element -> CodeBlock.of("$LL", element.asLong()));
            case VALUES: return orDefault(CodeBlock.of("p.list($S)", name), element -> CodeBlock.of("$S", element.asText()));
            case TEXT_MAP: return CodeBlock.of("p.textMap($S)", name);
            case VALUE_MAP: return CodeBlock.of("p.map($S)", name);
            default: throw new AssertionError(kind);
        }
    }

    /** A list parameter with a non-empty default reads the default when absent. */
    private CodeBlock orDefault(CodeBlock read, java.util.function.Function<JsonNode, CodeBlock> element) {
        if (defaultValue == null) return read;
        JsonNode array = json(defaultValue).orElseThrow();
        if (array.isEmpty()) return read;
        List<CodeBlock> elements = new ArrayList<>();
        array.forEach(e -> elements.add(element.apply(e)));
        return CodeBlock.of("p.has($S) ? $L : $T.of($L)", name, read, List.class, CodeBlock.join(elements, ", "));
    }

    private static CodeBlock stringList(List<String> values) {
        return CodeBlock.of("$T.of($L)", List.class, CodeBlock.join(values.stream().map(v -> CodeBlock.of("$S", v)).toList(), ", "));
    }
}
