package dev.upbook.spec.spi;

import dev.upbook.spec.Durations;
import dev.upbook.spec.SourceRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rendered parameters of one step or check, with typed accessors. Values are String, Long,
 * Double, Boolean, {@code List<Object>}, {@code Map<String, Object>} or null, as the YAML read them
 * after rendering (a rendered template is always a String). Lint has already checked names and
 * types; an accessor that still finds the wrong shape (e.g. a template that rendered to
 * {@code "abc"} where a number is needed) throws {@link ParameterException} naming the parameter
 * and, when the executor passed them, its position in the playbook.
 *
 * <p>Step types declared with {@link StepDefinition} do not call these accessors themselves: the
 * generated {@code bind} does, once per parameter, and hands the step a typed record.
 */
public final class Parameters {
    private final Map<String, Object> values;
    private final Map<String, SourceRef> positions;

    public Parameters(Map<String, ?> values) {
        this(values, Map.of());
    }

    /** Values with the playbook positions of their keys, so that errors say where to fix them. */
    public Parameters(Map<String, ?> values, Map<String, SourceRef> positions) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.positions = Map.copyOf(positions);
    }

    /** Where {@code name} is written in the playbook, when known. */
    public Optional<SourceRef> position(String name) {
        return Optional.ofNullable(positions.get(name));
    }

    /** Fails naming the first of {@code names} that is absent (or null). */
    public void require(String... names) {
        for (String name : names) {
            if (!has(name)) throw problem(name, "is required");
        }
    }

    private ParameterException problem(String name, String problem) {
        int index = name.indexOf('[');
        SourceRef at = positions.get(index < 0 ? name : name.substring(0, index));
        return new ParameterException(name, at, problem);
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String name) {
        return values.containsKey(name) && values.get(name) != null;
    }

    public Object raw(String name) {
        return values.get(name);
    }

    public String text(String name) {
        return optionalText(name).orElseThrow(() -> problem(name, "is required"));
    }

    public Optional<String> optionalText(String name) {
        Object v = values.get(name);
        if (v == null) return Optional.empty();
        if (v instanceof Map || v instanceof List) throw problem(name, "must be a single value, not " + shape(v));
        return Optional.of(String.valueOf(v));
    }

    public String text(String name, String defaultValue) {
        return optionalText(name).orElse(defaultValue);
    }

    /** A list of strings; a single value counts as a list of one. */
    public List<String> texts(String name) {
        Object v = values.get(name);
        if (v == null) return List.of();
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                Object e = list.get(i);
                if (e == null || e instanceof Map || e instanceof List) {
                    throw problem(name + "[" + i + "]", "must be a single value, not " + shape(e));
                }
                out.add(String.valueOf(e));
            }
            return List.copyOf(out);
        }
        if (v instanceof Map) throw problem(name, "must be a list, not " + shape(v));
        return List.of(String.valueOf(v));
    }

    public boolean bool(String name, boolean defaultValue) {
        Object v = values.get(name);
        if (v == null) return defaultValue;
        if (v instanceof Boolean b) return b;
        String s = String.valueOf(v).trim();
        if (s.equalsIgnoreCase("true")) return true;
        if (s.equalsIgnoreCase("false")) return false;
        throw problem(name, "must be true or false, not '" + s + "'");
    }

    public long integer(String name, long defaultValue) {
        Object v = values.get(name);
        if (v == null) return defaultValue;
        if (v instanceof Long || v instanceof Integer) return ((Number) v).longValue();
        try {
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw problem(name, "must be an integer, not '" + v + "'");
        }
    }

    public List<Long> integers(String name, List<Long> defaultValue) {
        Object v = values.get(name);
        if (v == null) return defaultValue;
        List<?> list = v instanceof List<?> l ? l : List.of(v);
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object e = list.get(i);
            try {
                out.add(e instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(e).trim()));
            } catch (NumberFormatException ex) {
                throw problem(name + "[" + i + "]", "must be an integer, not '" + e + "'");
            }
        }
        return List.copyOf(out);
    }

    public Optional<Duration> duration(String name) {
        Object v = values.get(name);
        if (v == null) return Optional.empty();
        return Optional.of(Durations.parse(String.valueOf(v)).orElseThrow(() -> problem(name,
                "must be a duration such as 30s, 10m or 1h30m, not '" + v + "'")));
    }

    /** A duration, or {@code defaultValue} (a duration text such as {@code 30s}) when absent. */
    public Duration duration(String name, String defaultValue) {
        return duration(name).orElseGet(() -> Durations.parse(defaultValue)
                .orElseThrow(() -> new IllegalArgumentException("default of '" + name + "' is not a duration: " + defaultValue)));
    }

    public Optional<Boolean> optionalBool(String name) {
        return has(name) ? Optional.of(bool(name, false)) : Optional.empty();
    }

    public Optional<Long> optionalInteger(String name) {
        return has(name) ? Optional.of(integer(name, 0)) : Optional.empty();
    }

    /** A text that must be one of {@code allowed}, or {@code defaultValue} (may be null) when absent. */
    public String oneOf(String name, List<String> allowed, String defaultValue) {
        Optional<String> v = optionalText(name).map(String::strip);
        if (v.isEmpty()) return defaultValue;
        if (!allowed.contains(v.get())) throw problem(name, "must be one of " + String.join(", ", allowed) + ", not '" + v.get() + "'");
        return v.get();
    }

    /** A list of any values; a single value counts as a list of one. */
    public List<Object> list(String name) {
        Object v = values.get(name);
        if (v == null) return List.of();
        if (v instanceof Map) throw problem(name, "must be a list, not " + shape(v));
        if (v instanceof List<?> l) return Collections.unmodifiableList(new ArrayList<>(l));
        return Collections.singletonList(v);
    }

    /** A map of strings (e.g. {@code env}); values are converted with {@link String#valueOf}. */
    public Map<String, String> textMap(String name) {
        Object v = values.get(name);
        if (v == null) return Map.of();
        if (!(v instanceof Map<?, ?> map)) throw problem(name, "must be a mapping, not " + shape(v));
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, e) -> out.put(String.valueOf(k), e == null ? "" : String.valueOf(e)));
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        Object v = values.get(name);
        if (v == null) return Map.of();
        if (!(v instanceof Map)) throw problem(name, "must be a mapping, not " + shape(v));
        return (Map<String, Object>) v;
    }

    private static String shape(Object v) {
        if (v == null) return "null";
        if (v instanceof Map) return "a mapping";
        if (v instanceof List) return "a list";
        return "'" + v + "'";
    }

    @Override
    public String toString() {
        return "Parameters" + values.keySet();
    }

    /** A parameter whose rendered value has the wrong shape; the step fails with this message. */
    public static final class ParameterException extends RuntimeException {
        private final String parameter;

        public ParameterException(String parameter, String problem) {
            this(parameter, null, problem);
        }

        public ParameterException(String parameter, SourceRef at, String problem) {
            super("parameter '" + parameter + "'" + (at == null ? "" : " (" + at + ")") + " " + problem);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }
}
