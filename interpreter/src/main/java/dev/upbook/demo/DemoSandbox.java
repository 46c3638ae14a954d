package dev.upbook.demo;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * How {@code upbook demo PRODUCT} builds a product's sandbox and runs its playbook against it: the
 * file {@code playbooks/PRODUCT/sandbox/demo.yaml}. The sandbox is built on the embedded default
 * (SQLite files, stand-ins on a PATH of its own); the web site its review checks is served by the
 * demo itself ({@link DemoSite}).
 *
 * <p>Strings may hold placeholders: {@code ${dir}} (the sandbox directory being built),
 * {@code ${sandbox}} (the folder of {@code demo.yaml}), {@code ${site}} (the demo's web site,
 * {@code http://127.0.0.1:PORT}), {@code ${user}} (the operating-system user) and
 * {@code ${env.NAME}} (the demo's own environment).
 *
 * @param product the product's folder name under {@code playbooks/}, which {@code upbook demo} takes
 * @param title the product's name as people write it
 * @param about what this demo shows, printed first (one line each)
 * @param playbook the playbook, relative to the sandbox folder
 * @param from the version the sandbox is built at
 * @param to the version the demo upgrades to
 * @param requires programs the builder or the stand-ins need on PATH
 * @param build the builder's command line, run in the sandbox folder
 * @param varsFromBuild whether the builder prints the run's {@code --var} options on stdout
 * @param vars the run's inputs ({@code --var NAME=VALUE}) besides those the builder prints
 * @param env the environment of every upbook command of the demo (secrets, PATH with the stand-ins)
 * @param site the web site's paths
 */
public record DemoSandbox(
        String product,
        String title,
        List<String> about,
        Path folder,
        String playbook,
        String from,
        String to,
        List<String> requires,
        List<String> build,
        boolean varsFromBuild,
        Map<String, String> vars,
        Map<String, String> env,
        List<DemoSite.Route> site) {

    /** The file name of a sandbox's demo description. */
    public static final String FILE = "demo.yaml";

    private static final Set<String> KEYS = Set.of("title", "about", "playbook", "from", "to", "requires", "build",
            "vars-from-build", "vars", "env", "site");
    private static final Set<String> ROUTE_KEYS = Set.of("path", "up-when", "body", "down-body", "headers");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)}");

    public DemoSandbox {
        about = List.copyOf(about);
        requires = List.copyOf(requires);
        build = List.copyOf(build);
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        site = List.copyOf(site);
    }

    /** Reads {@code folder/demo.yaml}; {@code product} is the folder name the demo is asked for. */
    public static DemoSandbox load(String product, Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (MarkedYAMLException e) {
            throw new DemoException(file + ":" + (e.getProblemMark().getLine() + 1) + ":" + (e.getProblemMark().getColumn() + 1)
                    + ": " + e.getProblem());
        }
        Fields f = new Fields(file, "", document);
        f.onlyKeys(KEYS);
        List<DemoSite.Route> routes = new ArrayList<>();
        for (Object route : f.list("site")) {
            Fields r = new Fields(file, "site[" + routes.size() + "].", route);
            r.onlyKeys(ROUTE_KEYS);
            DemoSite.Condition condition = DemoSite.Condition.ALWAYS;
            if (r.has("up-when")) {
                Fields when = new Fields(file, r.prefix + "up-when.", r.map().get("up-when"));
                when.onlyKeys(Set.of("exists", "absent", "file", "contains"));
                if (when.has("exists")) {
                    condition = new DemoSite.Condition(DemoSite.Condition.Kind.EXISTS, when.string("exists"), null);
                } else if (when.has("absent")) {
                    condition = new DemoSite.Condition(DemoSite.Condition.Kind.ABSENT, when.string("absent"), null);
                } else {
                    condition = new DemoSite.Condition(DemoSite.Condition.Kind.CONTAINS, when.string("file"), when.string("contains"));
                }
            }
            if (!r.string("path").startsWith("/")) throw new DemoException(file + ": " + r.prefix + "path must start with /");
            routes.add(new DemoSite.Route(r.string("path"), condition, r.string("body"),
                    r.has("down-body") ? r.string("down-body") : "unavailable", r.stringMap("headers")));
        }
        return new DemoSandbox(product, f.string("title"), f.has("about") ? f.strings("about") : List.of(), folder,
                f.string("playbook"), f.string("from"), f.string("to"),
                f.has("requires") ? f.strings("requires") : List.of(), f.strings("build"),
                f.has("vars-from-build") && Boolean.TRUE.equals(f.map().get("vars-from-build")),
                f.stringMap("vars"), f.stringMap("env"), routes);
    }

    /** The playbook's path. */
    public Path playbookPath() {
        return folder.resolve(playbook).normalize();
    }

    /** Replaces the placeholders of {@code text}; an unknown one is an error naming it. */
    public static String expand(String text, Function<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.apply(m.group(1));
            if (value == null) throw new DemoException("unknown placeholder ${" + m.group(1) + "} in \"" + text + "\"");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    /** The builder's {@code --var NAME=VALUE} options (whitespace-separated) as a map, in order. */
    public static Map<String, String> parseVars(String builderOutput) {
        Map<String, String> vars = new LinkedHashMap<>();
        String[] words = builderOutput.trim().split("\\s+");
        for (int i = 0; i + 1 < words.length; i++) {
            if (!words[i].equals("--var")) continue;
            String pair = words[++i];
            int eq = pair.indexOf('=');
            if (eq <= 0) throw new DemoException("the sandbox builder printed a malformed --var: " + pair);
            vars.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return vars;
    }

    /** Typed access to one YAML mapping, with errors naming the file and the key. */
    private record Fields(Path file, String prefix, Object node) {
        Map<?, ?> map() {
            if (node instanceof Map<?, ?> m) return m;
            throw new DemoException(file + ": " + (prefix.isEmpty() ? "the document" : prefix.substring(0, prefix.length() - 1))
                    + " must be a mapping");
        }

        boolean has(String key) {
            return map().containsKey(key);
        }

        void onlyKeys(Set<String> allowed) {
            for (Object key : map().keySet()) {
                if (!allowed.contains(String.valueOf(key))) {
                    throw new DemoException(file + ": unknown key " + prefix + key + " (known: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
            }
        }

        String string(String key) {
            Object value = map().get(key);
            if (value == null) throw new DemoException(file + ": " + prefix + key + " is required");
            if (value instanceof Map || value instanceof List) throw new DemoException(file + ": " + prefix + key + " must be a string");
            return String.valueOf(value);
        }

        List<?> list(String key) {
            Object value = map().get(key);
            if (value == null) return List.of();
            if (value instanceof List<?> l) return l;
            throw new DemoException(file + ": " + prefix + key + " must be a list");
        }

        List<String> strings(String key) {
            if (!has(key)) throw new DemoException(file + ": " + prefix + key + " is required");
            List<String> out = new ArrayList<>();
            for (Object item : list(key)) {
                if (item instanceof Map || item instanceof List || item == null) {
                    throw new DemoException(file + ": " + prefix + key + " must be a list of strings");
                }
                out.add(String.valueOf(item));
            }
            return out;
        }

        Map<String, String> stringMap(String key) {
            Object value = map().get(key);
            if (value == null) return Map.of();
            if (!(value instanceof Map<?, ?> m)) throw new DemoException(file + ": " + prefix + key + " must be a mapping");
            Map<String, String> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (v instanceof Map || v instanceof List || v == null) {
                    throw new DemoException(file + ": " + prefix + key + "." + k + " must be a string");
                }
                out.put(String.valueOf(k), String.valueOf(v));
            });
            return out;
        }
    }
}
