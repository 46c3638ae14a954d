package dev.upbook.steps;

/** Step type {@code exec}: Runs a program from an argv list (a shell only with shell: true), capturing its output. */
public final class ExecStep extends DeclaredStepType {
    public ExecStep() {
        super("exec", "Runs a program from an argv list (a shell only with shell: true), capturing its output.", STEP_AND_CHECK,
                "Not idempotent by itself: declare idempotent or a guard on the step.",
                req("argv", TEXTS, "The program and its arguments; each element is rendered on its own, never spliced into a shell line."),
                opt("shell", BOOL, "false", "Run argv[0] as a shell script through /bin/sh -c. Must be written explicitly."),
                opt("env", TEXT_MAP, "{}", "Extra environment variables."),
                opt("cwd", TEXT, "the current directory", "Working directory."),
                opt("accept", new dev.upbook.spec.model.Type.ListOf(INT), "[0]", "Exit codes that count as success."),
                opt("output-limit", INT, "65536", "Bytes of output kept (and registered); the rest is dropped and counted."),
                opt("user", TEXT, "the current user", "Run as this user (through sudo -u)."),
                opt("stdin", TEXT, "none", "Text written to the program's standard input."));
    }
}
