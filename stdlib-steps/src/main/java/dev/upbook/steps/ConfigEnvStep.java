package dev.upbook.steps;

import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepResult;
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
 *
 * <p>{@code register} stores a map of the changed keys (as given in {@code set}) → {@code {old: …,
 * new: …}}, masked; {@code old} is missing for an added key. Empty when up to date.
 */
public final class ConfigEnvStep extends DeclaredStepType {
    public ConfigEnvStep() {
        super("config.env", "Sets keys in a .env or ini file; atomic, keeps permissions.", STEP,
                "Done when every key already has its value.",
                req("file", TEXT, "The file to change."),
                req("set", TEXT_MAP, "KEY: value pairs (ini: section.key)."),
                opt("format", oneOf("env", "ini"), "env", "File syntax."));
    }

    @Override
    public boolean canRun(Use use) {
        return uses().contains(use);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        Parameters p = context.parameters();
        boolean ini = format(p).equals("ini");
        Map<String, String> set = p.textMap("set");
        if (!ini) {
            for (String key : set.keySet()) {
                String problem = EnvConfigs.invalidKey(key);
                if (problem != null) throw new Parameters.ParameterException("set", problem);
            }
        }
        try {
            Path file = ConfigFiles.target(context.workingDirectory(), p.text("file"));
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

    private static String format(Parameters p) {
        String format = p.text("format", "env");
        if (!format.equals("env") && !format.equals("ini")) {
            throw new Parameters.ParameterException("format", "must be env or ini, not '" + format + "'");
        }
        return format;
    }

    @Override
    public String describe(Parameters parameters) {
        return "config.env: set " + String.join(", ", parameters.textMap("set").keySet()) + " in "
                + parameters.text("file", "(no file)") + " (" + parameters.text("format", "env") + ")";
    }
}
