package dev.upbook.steps;

/** Step type {@code config.env}: Sets keys in a .env or ini file; atomic, keeps permissions. */
public final class ConfigEnvStep extends DeclaredStepType {
    public ConfigEnvStep() {
        super("config.env", "Sets keys in a .env or ini file; atomic, keeps permissions.", STEP,
                "Done when every key already has its value.",
                req("file", TEXT, "The file to change."),
                req("set", TEXT_MAP, "KEY: value pairs (ini: section.key)."),
                opt("format", oneOf("env", "ini"), "env", "File syntax."));
    }
}
