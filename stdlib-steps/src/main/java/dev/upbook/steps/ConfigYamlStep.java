package dev.upbook.steps;

/** Step type {@code config.yaml}: Merges values into a YAML file; atomic, keeps permissions. */
public final class ConfigYamlStep extends DeclaredStepType {
    public ConfigYamlStep() {
        super("config.yaml", "Merges values into a YAML file; atomic, keeps permissions.", STEP,
                "Done when the file already holds the merged values.",
                req("file", TEXT, "The YAML file to change."),
                opt("set", ANY_MAP, "{}", "Values to set by dotted key."),
                opt("keep", TEXTS, "[]", "Keys whose current value is kept."));
    }
}
