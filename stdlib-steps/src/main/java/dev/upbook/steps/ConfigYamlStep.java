package dev.upbook.steps;

import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import dev.upbook.steps.internal.ConfigFiles;
import dev.upbook.steps.internal.ConfigFiles.Change;
import dev.upbook.steps.internal.ConfigFiles.ConfigFileException;
import dev.upbook.steps.internal.YamlConfigs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step type {@code config.yaml}: Merges values into a YAML file; atomic, keeps permissions.
 *
 * <p>Every {@code set} entry is a dotted key ({@code database.host}; a number indexes a list, the
 * list's length appends) and a value; missing mappings on the way are created. A mapping value
 * merges into the mapping there key by key; anything else replaces what is there. A {@code keep}
 * key is never changed by a merge (and stays absent when it was absent). Because templates render
 * to strings, a string set where the file has a number, boolean or date is written as that type
 * when it reads as one. The file is read safely (SnakeYAML {@code SafeConstructor}: no custom
 * tags, duplicate keys refused, limits on aliases, nesting and size) and must hold one document
 * whose top is a mapping.
 *
 * <p>The file is edited as a node tree, so comments, key order, quoting, flow collections and
 * anchors of the untouched parts are kept; indentation is taken from the file (the emitter may
 * still normalize spacing, e.g. before a line comment). It is replaced atomically (temporary file
 * in the same directory, flushed, renamed) with its mode, owner and group. When every value is
 * already there (numbers compared by value), nothing is written: "already up to date".
 */
@StepDefinition(name = "config.yaml", uses = Use.STEP,
        summary = "Merges values into a YAML file; atomic, keeps permissions.",
        idempotency = "Done when the file already holds the merged values.",
        idempotent = true,
        registers = "a map of the changed keys (dotted) → `{old: …, new: …}`, values as text (a mapping or list in flow "
                + "style), masked; `old` is missing for an added key. Empty when up to date.")
public final class ConfigYamlStep extends DeclaredStepType {

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "The YAML file to change.", example = "\"/srv/arctyk/config.yaml\"") String file,
            @Param("Values to set by dotted key.") Map<String, Object> set,
            @Param("Keys whose current value is kept.") List<String> keep) {}

    public ConfigYamlStep() {
        super(ConfigYamlStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        With p = ConfigYamlStepBinding.bind(context.parameters());
        Map<String, Object> set = p.set();
        List<List<String>> keep = new ArrayList<>();
        for (String key : p.keep()) {
            List<String> path = path("keep", key);
            if (set.containsKey(key)) {
                throw new Parameters.ParameterException("keep", "lists " + key + ", which 'set' sets too: remove it from one of them");
            }
            keep.add(path);
        }
        try {
            Path file = ConfigFiles.target(context.workingDirectory(), p.file());
            YamlConfigs document = new YamlConfigs(file, ConfigFiles.read(file), keep);
            for (Map.Entry<String, Object> e : set.entrySet()) {
                setOne(document, e.getKey(), e.getValue());
            }
            List<Change> changes = document.changes();
            if (changes.isEmpty()) return StepResult.succeeded("already up to date", "", Map.of());
            Optional<String> ownerNote = ConfigFiles.replaceAtomically(file, document.write());
            return StepResult.succeeded(ConfigFiles.summary(file, changes, ownerNote),
                    ConfigFiles.excerpt(changes, context::mask), ConfigFiles.registered(changes, context::mask));
        } catch (ConfigFileException e) {
            return StepResult.failed(e.getMessage());
        }
    }

    private static void setOne(YamlConfigs document, String key, Object value) throws ConfigFileException {
        List<String> path = path("set", key);
        try {
            document.set(path, value, key);
        } catch (IllegalArgumentException e) {
            throw new Parameters.ParameterException("set", e.getMessage());
        }
    }

    private static List<String> path(String parameter, String key) {
        try {
            return YamlConfigs.segments(key);
        } catch (IllegalArgumentException e) {
            throw new Parameters.ParameterException(parameter, e.getMessage());
        }
    }

    @Override
    public String describe(Parameters parameters) {
        With p = ConfigYamlStepBinding.bind(parameters);
        StringBuilder sb = new StringBuilder("config.yaml: merge into ").append(p.file());
        if (!p.set().isEmpty()) sb.append(", set ").append(String.join(", ", p.set().keySet()));
        if (!p.keep().isEmpty()) sb.append(", keeping ").append(String.join(", ", p.keep()));
        return sb.toString();
    }
}
