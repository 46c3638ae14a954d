package dev.upbook.steps;

/** Step type {@code version}: Detects the installed version from the output of a command or a file, with a regular expression. */
public final class VersionStep extends DeclaredStepType {
    public VersionStep() {
        super("version", "Detects the installed version from the output of a command or a file, with a regular expression.", STEP_AND_CHECK,
                "Pure check; always safe to repeat.",
                opt("command", TEXTS, "none", "argv whose output holds the version."),
                opt("file", TEXT, "none", "A file that holds the version."),
                req("pattern", TEXT, "A regular expression; its first group is the version."),
                opt("equals", TEXT, "none", "As a check: the version that must be found (e.g. {{ run.to }})."));
    }

    @Override
    public java.util.List<java.util.List<String>> exactlyOneOf() {
        return java.util.List.of(java.util.List.of("command", "file"));
    }
}
