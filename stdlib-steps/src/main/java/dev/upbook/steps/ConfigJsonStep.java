package dev.upbook.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepResult;
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
 *
 * <p>{@code register} stores a map of the changed keys (dotted, or a JSON pointer): key →
 * {@code {old: …, new: …}}, values as text (a string as itself, anything else as JSON), masked;
 * {@code old} is missing for an added key, {@code new} for a removed one. Empty when up to date.
 */
public final class ConfigJsonStep extends DeclaredStepType {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ConfigJsonStep() {
        super("config.json", "Merges values into a JSON file (Jackson), keeping listed keys; atomic, keeps permissions.", STEP,
                "Done when the file already holds the merged values.",
                req("file", TEXT, "The JSON file to change."),
                opt("set", ANY_MAP, "{}", "Values to set, by JSON pointer or dotted key."),
                opt("merge-from", TEXT, "none", "Another JSON file whose values are merged in."),
                opt("keep", TEXTS, "[]", "Keys whose current value is kept whatever is merged (e.g. SqlSettings.DataSource)."));
    }

    @Override
    public boolean canRun(Use use) {
        return uses().contains(use);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        Parameters p = context.parameters();
        try {
            Path file = ConfigFiles.target(context.workingDirectory(), p.text("file"));
            String original = ConfigFiles.read(file);
            JsonNode before = JsonConfigs.parse(file, original);
            JsonNode after = merged(context, before);
            List<Change> changes = JsonConfigs.changes(before, after);
            if (changes.isEmpty()) return StepResult.succeeded("already up to date", "", Map.of());
            Optional<String> ownerNote = ConfigFiles.replaceAtomically(file, JsonConfigs.write(after, original));
            return StepResult.succeeded(ConfigFiles.summary(file, changes, ownerNote),
                    ConfigFiles.excerpt(changes, context::mask), ConfigFiles.registered(changes, context::mask));
        } catch (ConfigFileException e) {
            return StepResult.failed(e.getMessage());
        }
    }

    private static JsonNode merged(StepContext context, JsonNode before) throws IOException, ConfigFileException {
        Parameters p = context.parameters();
        JsonNode after = before.deepCopy();
        String mergeFrom = p.text("merge-from", "none");
        if (!mergeFrom.equals("none")) {
            Path source = ConfigFiles.target(context.workingDirectory(), mergeFrom);
            after = JsonConfigs.merge(after, JsonConfigs.parse(source, ConfigFiles.read(source)));
        }
        List<List<String>> setPaths = new ArrayList<>();
        for (Map.Entry<String, Object> e : p.map("set").entrySet()) {
            List<String> path = path("set", e.getKey());
            setPaths.add(path);
            JsonConfigs.set(after, path, MAPPER.valueToTree(e.getValue()), e.getKey());
        }
        for (String key : p.texts("keep")) {
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
        StringBuilder sb = new StringBuilder("config.json: merge into ").append(parameters.text("file", "(no file)"));
        String from = parameters.text("merge-from", "none");
        if (!from.equals("none")) sb.append(" from ").append(from);
        Map<String, Object> set = parameters.map("set");
        if (!set.isEmpty()) sb.append(", set ").append(String.join(", ", set.keySet()));
        List<String> keep = parameters.texts("keep");
        if (!keep.isEmpty()) sb.append(", keeping ").append(String.join(", ", keep));
        return sb.toString();
    }
}
