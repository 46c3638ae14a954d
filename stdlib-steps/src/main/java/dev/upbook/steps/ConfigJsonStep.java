package dev.upbook.steps;

/** Step type {@code config.json}: Merges values into a JSON file (Jackson), keeping listed keys; atomic, keeps permissions. */
public final class ConfigJsonStep extends DeclaredStepType {
    public ConfigJsonStep() {
        super("config.json", "Merges values into a JSON file (Jackson), keeping listed keys; atomic, keeps permissions.", STEP,
                "Done when the file already holds the merged values.",
                req("file", TEXT, "The JSON file to change."),
                opt("set", ANY_MAP, "{}", "Values to set, by JSON pointer or dotted key."),
                opt("merge-from", TEXT, "none", "Another JSON file whose values are merged in."),
                opt("keep", TEXTS, "[]", "Keys whose current value is kept whatever is merged (e.g. SqlSettings.DataSource)."));
    }
}
