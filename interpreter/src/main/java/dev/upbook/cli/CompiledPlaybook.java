package dev.upbook.cli;

import dev.upbook.lint.Compilation;
import dev.upbook.lint.PlaybookCompiler;
import dev.upbook.spec.diag.Diagnostic;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** Compiles a playbook for a command that needs an error-free one ({@code plan}, {@code graph}). */
final class CompiledPlaybook {
    private CompiledPlaybook() {}

    /**
     * The compilation of {@code file}, which has a playbook and a version graph. Otherwise prints
     * the errors on the command's stderr and fails with {@link ExitCode#LINT_ERRORS}.
     */
    static Compilation compileOrFail(Path file, CommandSpec spec) {
        if (!Files.isRegularFile(file)) {
            throw new CommandException(ExitCode.USAGE, "no such playbook file: " + file);
        }
        Compilation c = PlaybookCompiler.standard().compile(file);
        if (c.hasErrors() || c.playbook().isEmpty() || c.graph().isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            c.diagnostics().stream().filter(Diagnostic::isError).forEach(d -> err.println(d.format()));
            err.flush();
            throw new CommandException(ExitCode.LINT_ERRORS,
                    file + " has errors; fix them (see 'upbook lint " + file + "') and run '"
                            + spec.qualifiedName() + "' again");
        }
        return c;
    }
}
