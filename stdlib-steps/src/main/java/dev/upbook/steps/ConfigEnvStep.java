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
import dev.upbook.steps.internal.EnvConfigs;
import dev.upbook.steps.internal.IniConfigs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step type {@code config.env}: Sets keys in a .env or ini file; atomic, keeps permissions.
 *
 * <p>{@code format: env}: {@code KEY=value} lines ({@code export KEY=value} too) with {@code #}
 * comments; every assignment of a key gets the new value, in the quotes it had when they can hold
 * it (plain when safe, else single quotes, else double quotes with escapes); a key not there is
 * appended at the end. {@code format: ini}: a key is {@code section.key}, split at the first dot
 * ({@code PHP.memory_limit}; a key without a dot lives before the first section); a new key goes
 * after the last entry of its section, a new section at the end. Comments, blank lines, order and
 * every line not set are kept byte for byte, line endings (LF or CRLF) too.
 *
 * <p>The file is replaced atomically (temporary file in the same directory, flushed, renamed) with
 * its mode, owner and group. When every key already has its value, nothing is written: "already up
 * to date". A line the syntax does not allow fails the step naming the file and line.
 */
@StepDefinition(name = "config.env", uses = Use.STEP,
        summary = "Sets keys in a .env or ini file; atomic, keeps permissions.",
        idempotency = "Done when every key already has its value.",
        idempotent = true,
        registers = "a map of the changed keys (as given in `set`) → `{old: …, new: …}`, masked; `old` is missing for an "
                + "added key. Empty when up to date.")
public final class ConfigEnvStep extends DeclaredStepType {

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "The file to change.", example = "\"/srv/ixpmanager/.env\"") String file,
            @Param(value = "KEY: value pairs (ini: section.key).", required = true,
                    example = "{ APP_ENV: \"production\", APP_DEBUG: \"false\" }") Map<String, String> set,
            @Param(value = "File syntax.", oneOf = {"env", "ini"}, defaultValue = "env") String format) {}

    public ConfigEnvStep() {
        super(ConfigEnvStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        With p = ConfigEnvStepBinding.bind(context.parameters());
        boolean ini = p.format().equals("ini");
        Map<String, String> set = p.set();
        if (!ini) {
            for (String key : set.keySet()) {
                String problem = EnvConfigs.invalidKey(key);
                if (problem != null) throw new Parameters.ParameterException("set", problem);
            }
        }
        try {
            Path file = ConfigFiles.target(context.workingDirectory(), p.file());
            String original = ConfigFiles.read(file);
            List<Change> changes = new ArrayList<>();
            String updated = ini ? iniApply(file, original, set, changes) : EnvConfigs.apply(file, original, set, changes);
            if (changes.isEmpty()) return StepResult.succeeded("already up to date", "", Map.of());
            Optional<String> ownerNote = ConfigFiles.replaceAtomically(file, updated);
            return StepResult.succeeded(ConfigFiles.summary(file, changes, ownerNote),
                    ConfigFiles.excerpt(changes, context::mask), ConfigFiles.registered(changes, context::mask));
        } catch (ConfigFileException e) {
            return StepResult.failed(e.getMessage());
        }
    }

    private static String iniApply(Path file, String original, Map<String, String> set, List<Change> changes) throws ConfigFileException {
        try {
            return IniConfigs.apply(file, original, set, changes);
        } catch (IllegalArgumentException e) {
            throw new Parameters.ParameterException("set", e.getMessage());
        }
    }

    @Override
    public String describe(Parameters parameters) {
        With p = ConfigEnvStepBinding.bind(parameters);
        return "config.env: set " + String.join(", ", p.set().keySet()) + " in " + p.file() + " (" + p.format() + ")";
    }
}
