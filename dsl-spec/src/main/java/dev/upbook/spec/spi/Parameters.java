package dev.upbook.spec.spi;

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
 * {@code "abc"} where a number is needed) throws {@link ParameterException} naming the parameter.
 */
public final class Parameters {
    private final Map<String, Object> values;

    public Parameters(Map<String, ?> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
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
        return optionalText(name).orElseThrow(() -> new ParameterException(name, "is required"));
    }

    public Optional<String> optionalText(String name) {
        Object v = values.get(name);
        if (v == null) return Optional.empty();
        if (v instanceof Map || v instanceof List) throw new ParameterException(name, "must be a single value, not " + shape(v));
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
                    throw new ParameterException(name + "[" + i + "]", "must be a single value, not " + shape(e));
                }
                out.add(String.valueOf(e));
            }
            return List.copyOf(out);
        }
        if (v instanceof Map) throw new ParameterException(name, "must be a list, not " + shape(v));
        return List.of(String.valueOf(v));
    }

    public boolean bool(String name, boolean defaultValue) {
        Object v = values.get(name);
        if (v == null) return defaultValue;
        if (v instanceof Boolean b) return b;
        String s = String.valueOf(v).trim();
        if (s.equalsIgnoreCase("true")) return true;
        if (s.equalsIgnoreCase("false")) return false;
        throw new ParameterException(name, "must be true or false, not '" + s + "'");
    }

    public long integer(String name, long defaultValue) {
        Object v = values.get(name);
        if (v == null) return defaultValue;
        if (v instanceof Long || v instanceof Integer) return ((Number) v).longValue();
        try {
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new ParameterException(name, "must be an integer, not '" + v + "'");
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
                throw new ParameterException(name + "[" + i + "]", "must be an integer, not '" + e + "'");
            }
        }
        return List.copyOf(out);
    }

    public Optional<Duration> duration(String name) {
        Object v = values.get(name);
        if (v == null) return Optional.empty();
        return Optional.of(dev.upbook.spec.Durations.parse(String.valueOf(v)).orElseThrow(() -> new ParameterException(name,
                "must be a duration such as 30s, 10m or 1h30m, not '" + v + "'")));
    }

    /** A map of strings (e.g. {@code env}); values are converted with {@link String#valueOf}. */
    public Map<String, String> textMap(String name) {
        Object v = values.get(name);
        if (v == null) return Map.of();
        if (!(v instanceof Map<?, ?> map)) throw new ParameterException(name, "must be a mapping, not " + shape(v));
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, e) -> out.put(String.valueOf(k), e == null ? "" : String.valueOf(e)));
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        Object v = values.get(name);
        if (v == null) return Map.of();
        if (!(v instanceof Map)) throw new ParameterException(name, "must be a mapping, not " + shape(v));
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
            super("parameter '" + parameter + "' " + problem);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }
}
