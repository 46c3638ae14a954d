package dev.upbook.run;

import dev.upbook.spec.ast.Input;
import dev.upbook.spec.ast.Value;
import dev.upbook.spec.diag.Suggestions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The values of a playbook's inputs for one run, and the masker of its secrets.
 *
 * <p>Where a value comes from, first match wins: {@code --var NAME=VALUE}, then {@code --vars-file}
 * (a YAML mapping), then the input's own {@code env} variable, then its {@code file} (its content
 * trimmed), then its {@code default}. A required input without a value, a value of the
 * wrong type and a {@code --var} naming no input are errors, all reported at once.
 *
 * @param values input name → String, Long or Boolean
 * @param secrets names of the secret inputs
 * @param origins input name → where its value came from, for messages (never the value)
 */
public record InputValues(Map<String, Object> values, Set<String> secrets, Map<String, String> origins, Masker masker) {

    public InputValues {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        secrets = Set.copyOf(secrets);
        origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
    }

    /** The non-secret values, as the journal keeps them so that resume can reuse them. */
    public Map<String, Object> nonSecret() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!secrets.contains(k)) out.put(k, v);
        });
        return out;
    }

    /**
     * Resolves the inputs.
     *
     * @param vars {@code --var} values by name
     * @param varsFile the {@code --vars-file}, or null
     * @param remembered values to use before env, file and default (the non-secret inputs a run was
     *     started with, when it is resumed)
     * @param env the environment ({@code System::getenv} outside tests)
     * @param baseDir where relative {@code file:} paths of inputs are resolved
     * @throws RunProblem (usage) listing every problem
     */
    public static InputValues resolve(Map<String, Input> declared, Map<String, String> vars, Path varsFile,
            Map<String, Object> remembered, Function<String, String> env, Path baseDir) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> fromFile = varsFile == null ? Map.of() : readVarsFile(varsFile, problems);
        for (String name : vars.keySet()) {
            if (!declared.containsKey(name)) {
                problems.add("--var " + name + ": the playbook has no input '" + name + "'; "
                        + Suggestions.didYouMean(name, declared.keySet(), "its inputs are " + declared.keySet()));
            }
        }
        for (String name : fromFile.keySet()) {
            if (!declared.containsKey(name)) {
                problems.add(varsFile + ": the playbook has no input '" + name + "'; "
                        + Suggestions.didYouMean(name, declared.keySet(), "its inputs are " + declared.keySet()));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        Set<String> secrets = new LinkedHashSet<>();
        for (Input input : declared.values()) {
            String name = input.name();
            if (input.secret()) secrets.add(name);
            Object raw = null;
            String origin = null;
            if (vars.containsKey(name)) {
                raw = vars.get(name);
                origin = "--var";
            } else if (fromFile.containsKey(name)) {
                raw = fromFile.get(name);
                origin = String.valueOf(varsFile);
            } else if (remembered.containsKey(name) && !input.secret()) {
                raw = remembered.get(name);
                origin = "the run's start";
            } else if (input.env().isPresent() && env.apply(input.env().get()) != null) {
                raw = env.apply(input.env().get());
                origin = "$" + input.env().get();
            } else if (input.file().isPresent()) {
                Path file = baseDir.resolve(input.file().get());
                if (Files.isReadable(file)) {
                    try {
                        String text = Files.readString(file, StandardCharsets.UTF_8);
                        raw = text.strip();
                        origin = file.toString();
                    } catch (IOException e) {
                        problems.add("input '" + name + "': cannot read " + file + ": " + e.getMessage());
                        continue;
                    }
                }
            }
            if (raw == null && input.defaultValue().isPresent()) {
                raw = input.defaultValue().get() instanceof Value.Scalar s && !s.isNull() ? s.text() : null;
                origin = "default";
            }
            if (raw == null) {
                if (input.required()) {
                    problems.add("input '" + name + "' has no value; give " + sources(input));
                }
                continue;
            }
            try {
                values.put(name, convert(input, raw));
                origins.put(name, origin);
            } catch (IllegalArgumentException e) {
                problems.add("input '" + name + "' (from " + origin + ") " + e.getMessage());
            }
        }
        List<String> secretValues = new ArrayList<>();
        for (String s : secrets) {
            if (values.get(s) != null) secretValues.add(String.valueOf(values.get(s)));
        }
        Masker masker = Masker.of(secretValues);
        if (!problems.isEmpty()) {
            throw new RunProblem(Outcome.Kind.USAGE, masker.mask(String.join("\n", problems)));
        }
        return new InputValues(values, secrets, origins, masker);
    }

    private static String sources(Input input) {
        List<String> ways = new ArrayList<>();
        ways.add("--var " + input.name() + "=VALUE");
        input.env().ifPresent(e -> ways.add("the environment variable " + e));
        input.file().ifPresent(f -> ways.add("the file " + f));
        ways.add("a --vars-file entry");
        return String.join(", ", ways.subList(0, ways.size() - 1)) + " or " + ways.get(ways.size() - 1);
    }

    private static Object convert(Input input, Object raw) {
        String text = String.valueOf(raw).trim();
        switch (input.type()) {
            case INT:
                if (raw instanceof Number n) return n.longValue();
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("must be an integer" + shown(input, text));
                }
            case BOOL:
                if (raw instanceof Boolean b) return b;
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("yes")) return true;
                if (text.equalsIgnoreCase("false") || text.equalsIgnoreCase("no")) return false;
                throw new IllegalArgumentException("must be true or false" + shown(input, text));
            case URL:
                if (!text.matches("[A-Za-z][A-Za-z0-9+.-]*:.+")) {
                    throw new IllegalArgumentException("must be a URL such as https://host/path" + shown(input, text));
                }
                return String.valueOf(raw);
            default:
                if (raw instanceof Map || raw instanceof List) {
                    throw new IllegalArgumentException("must be a single value, not a " + (raw instanceof Map ? "mapping" : "list"));
                }
                return String.valueOf(raw);
        }
    }

    private static String shown(Input input, String text) {
        return input.secret() ? "" : ", not '" + text + "'";
    }

    private static Map<String, Object> readVarsFile(Path file, List<String> problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(1 << 20);
        try {
            Object doc = new Yaml(new SafeConstructor(options)).load(Files.readString(file, StandardCharsets.UTF_8));
            if (doc == null) return Map.of();
            if (!(doc instanceof Map<?, ?> map)) {
                problems.add(file + ": must be a mapping of input names to values");
                return Map.of();
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        } catch (IOException e) {
            problems.add("cannot read --vars-file " + file + ": " + e.getMessage());
        } catch (YAMLException e) {
            problems.add(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return Map.of();
    }
}
