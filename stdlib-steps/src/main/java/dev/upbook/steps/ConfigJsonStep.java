package dev.upbook.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import dev.upbook.steps.internal.ConfigFiles;
import dev.upbook.steps.internal.ConfigFiles.Change;
import dev.upbook.steps.internal.ConfigFiles.ConfigFileException;
import dev.upbook.steps.internal.JsonConfigs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step type {@code config.json}: Merges values into a JSON file (Jackson), keeping listed keys; atomic, keeps permissions.
 *
 * <p>In order: the JSON file {@code merge-from} (when given) is merged in, then every {@code set}
 * entry, then every {@code keep} key gets back the value it had before (or stays absent when it had
 * none). Merging goes object member by object member; anything else (a string, a number, a list)
 * is replaced whole. A key is a dotted key ({@code SqlSettings.DataSource}, a number indexes a list)
 * or a JSON pointer ({@code /SqlSettings/DataSource}, for names holding a dot); missing objects on
 * the way are created. Because templates render to strings, a string set where the file has a
 * number or boolean is written as a number or boolean when it reads as one. The Mattermost move to
 * a new server: {@code merge-from: old/config.json}, {@code keep: [SqlSettings.DataSource,
 * ServiceSettings.ListenAddress]}.
 *
 * <p>The file is rewritten atomically (temporary file in the same directory, flushed, renamed)
 * with its mode, owner and group, in its own layout (indent, line ending, final newline); member
 * order is kept. When the merged document equals the file's (numbers compared by value), nothing
 * is written: "already up to date".
 */
@StepDefinition(name = "config.json", uses = Use.STEP,
        summary = "Merges values into a JSON file (Jackson), keeping listed keys; atomic, keeps permissions.",
        idempotency = "Done when the file already holds the merged values.",
        idempotent = true,
        registers = "a map of the changed keys (dotted, or a JSON pointer): key → `{old: …, new: …}`, values as text "
                + "(a string as itself, anything else as JSON), masked; `old` is missing for an added key, `new` for a "
                + "removed one. Empty when up to date.")
public final class ConfigJsonStep extends DeclaredStepType {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "The JSON file to change.", example = "\"/opt/mattermost/config/config.json\"") String file,
            @Param("Values to set, by JSON pointer or dotted key.") Map<String, Object> set,
            @Param("Another JSON file whose values are merged in.") Optional<String> mergeFrom,
            @Param("Keys whose current value is kept whatever is merged (e.g. SqlSettings.DataSource).") List<String> keep) {}

    public ConfigJsonStep() {
        super(ConfigJsonStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        With p = ConfigJsonStepBinding.bind(context.parameters());
        try {
            Path file = ConfigFiles.target(context.workingDirectory(), p.file());
            String original = ConfigFiles.read(file);
            JsonNode before = JsonConfigs.parse(file, original);
            JsonNode after = merged(p, context.workingDirectory(), before);
            List<Change> changes = JsonConfigs.changes(before, after);
            if (changes.isEmpty()) return StepResult.succeeded("already up to date", "", Map.of());
            Optional<String> ownerNote = ConfigFiles.replaceAtomically(file, JsonConfigs.write(after, original));
            return StepResult.succeeded(ConfigFiles.summary(file, changes, ownerNote),
                    ConfigFiles.excerpt(changes, context::mask), ConfigFiles.registered(changes, context::mask));
        } catch (ConfigFileException e) {
            return StepResult.failed(e.getMessage());
        }
    }

    private static JsonNode merged(With p, Path workingDirectory, JsonNode before) throws IOException, ConfigFileException {
        JsonNode after = before.deepCopy();
        if (p.mergeFrom().isPresent()) {
            Path source = ConfigFiles.target(workingDirectory, p.mergeFrom().get());
            after = JsonConfigs.merge(after, JsonConfigs.parse(source, ConfigFiles.read(source)));
        }
        List<List<String>> setPaths = new ArrayList<>();
        for (Map.Entry<String, Object> e : p.set().entrySet()) {
            List<String> path = path("set", e.getKey());
            setPaths.add(path);
            JsonConfigs.set(after, path, MAPPER.valueToTree(e.getValue()), e.getKey());
        }
        for (String key : p.keep()) {
            List<String> path = path("keep", key);
            if (setPaths.contains(path)) {
                throw new Parameters.ParameterException("keep", "lists " + key + ", which 'set' sets too: remove it from one of them");
            }
            JsonNode kept = JsonConfigs.get(before, path);
            if (kept == null) JsonConfigs.remove(after, path);
            else JsonConfigs.replace(after, path, kept.deepCopy(), key);
        }
        return after;
    }

    private static List<String> path(String parameter, String key) {
        try {
            return JsonConfigs.segments(key);
        } catch (IllegalArgumentException e) {
            throw new Parameters.ParameterException(parameter, e.getMessage());
        }
    }

    @Override
    public String describe(Parameters parameters) {
        With p = ConfigJsonStepBinding.bind(parameters);
        StringBuilder sb = new StringBuilder("config.json: merge into ").append(p.file());
        p.mergeFrom().ifPresent(from -> sb.append(" from ").append(from));
        if (!p.set().isEmpty()) sb.append(", set ").append(String.join(", ", p.set().keySet()));
        if (!p.keep().isEmpty()) sb.append(", keeping ").append(String.join(", ", p.keep()));
        return sb.toString();
    }
}
