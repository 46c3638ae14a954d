package dev.upbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code upbook} command line, run in-process through {@link Upbook#commandLine}. */
class CliTests {

    static final String VALID = """
            upbook: 1
            product: { name: demo }
            versions:
              scheme: semver
              releases: [1.0.0, 1.1.0]
            edges:
              - from: 1.0.0
                to: 1.1.0
                steps:
                  - id: migrate
                    type: exec
                    with: { argv: [php, artisan, migrate] }
            """;

    /** The valid playbook plus a misspelt top-level key on line 13. */
    static final String INVALID = VALID + "edgez: []\n";

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    static Run upbook(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter outWriter = new PrintWriter(out);
        PrintWriter errWriter = new PrintWriter(err);
        int exitCode = Upbook.commandLine(outWriter, errWriter).execute(args);
        outWriter.flush();
        errWriter.flush();
        return new Run(exitCode, unix(out.toString()), unix(err.toString()));
    }

    private static String unix(String s) {
        return s.replace(System.lineSeparator(), "\n");
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    // --- lint: exit codes and output

    @Test
    void lintOfAValidPlaybookExitsZero() throws IOException {
        Path file = write("playbook.yaml", VALID);
        Run run = upbook("lint", file.toString());
        assertEquals(new Run(0, "1 file checked, no problems\n", ""), run);
    }

    @Test
    void lintOfAnInvalidPlaybookReportsThePositionAndExitsOne() throws IOException {
        Path file = write("playbook.yaml", INVALID);
        Run run = upbook("lint", file.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.out().startsWith(file + ":13:1: error[UNKNOWN_KEY]: unknown key 'edgez'"), run.out());
        assertTrue(run.out().contains("\n  hint: did you mean 'edges'?\n"), run.out());
        assertTrue(run.out().endsWith(" in 1 file\n"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void lintWithOnlyWarningsExitsZero() throws IOException {
        Path file = write("empty.playbook.yaml", """
                upbook: 1
                product: { name: demo }
                versions:
                  scheme: semver
                  releases: [1.0.0]
                """);
        Run run = upbook("lint", file.toString());
        assertEquals(0, run.exitCode(), run.out());
        assertTrue(run.out().contains("warning[EMPTY_PLAYBOOK]"), run.out());
        assertFalse(run.out().contains("error["), run.out());
    }

    @Test
    void lintFindsPlaybooksInDirectoriesRecursively() throws IOException {
        write("a/playbook.yaml", VALID);
        write("b/c/product.playbook.yaml", INVALID);
        write("b/notes.yaml", "not: a playbook\n");
        Run run = upbook("lint", dir.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("product.playbook.yaml:13:1: error[UNKNOWN_KEY]"), run.out());
        assertTrue(run.out().endsWith(" in 2 files\n"), run.out());
    }

    @Test
    void lintOfADirectoryWithoutPlaybooksIsAUsageError() throws IOException {
        write("notes.yaml", "not: a playbook\n");
        Run run = upbook("lint", dir.toString());
        assertEquals(new Run(2, "", "upbook: no playbook files (playbook.yaml, *.playbook.yaml) in " + dir
                + "; name the files or check the directory\n"), run);
    }

    @Test
    void lintOfAMissingPathIsAUsageErrorOnOneLine() {
        Path missing = dir.resolve("x");
        Run run = upbook("lint", missing.toString());
        assertEquals(new Run(2, "", "upbook: no such file or directory: " + missing + "\n"), run);
    }

    @Test
    void lintWritesJson() throws IOException {
        Path file = write("playbook.yaml", INVALID);
        Run run = upbook("lint", "--format", "json", file.toString());
        assertEquals(1, run.exitCode());
        JsonNode json = new ObjectMapper().readTree(run.out());
        JsonNode first = json.path("files").get(0).path("diagnostics").get(0);
        assertEquals(file.toString(), json.path("files").get(0).path("file").asText());
        assertEquals("UNKNOWN_KEY", first.path("code").asText());
        assertEquals(13, first.path("line").asInt());
        assertEquals(1, first.path("column").asInt());
        assertTrue(json.path("summary").path("errors").asInt() >= 1);
    }

    @Test
    void lintWritesSarifToAFileAndTheSummaryToStandardOutput() throws IOException {
        Path file = write("playbook.yaml", INVALID);
        Path report = dir.resolve("reports/upbook.sarif");
        Run run = upbook("lint", file.toString(), "-f", "SARIF", "--output", report.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.out().matches("\\d+ errors? in 1 file \\(report: .*upbook.sarif\\)\n"), run.out());
        JsonNode sarif = new ObjectMapper().readTree(report.toFile());
        assertEquals("2.1.0", sarif.path("version").asText());
        JsonNode result = sarif.path("runs").get(0).path("results").get(0);
        assertEquals("UNKNOWN_KEY", result.path("ruleId").asText());
        assertEquals(13, result.at("/locations/0/physicalLocation/region/startLine").asInt());
    }

    @Test
    void lintWritesJunitAndGithubAnnotations() throws IOException {
        Path file = write("playbook.yaml", INVALID);
        Run junit = upbook("lint", "--format=junit", file.toString());
        assertTrue(junit.out().contains("<failure type=\"UNKNOWN_KEY\""), junit.out());
        Run github = upbook("lint", "--format=github", file.toString());
        assertTrue(github.out().contains(",line=13,col=1,title=UNKNOWN_KEY::unknown key 'edgez'"), github.out());
        assertEquals(1, github.exitCode());
    }

    @Test
    void anOutputFileThatCannotBeWrittenIsAnIoErrorOnOneLineNamingThePathOnce() throws IOException {
        Path file = write("playbook.yaml", VALID);
        Run run = upbook("lint", file.toString(), "--output", dir.toString());
        assertEquals(new Run(74, "", "upbook: cannot write " + dir + ": is a directory\n"), run);
    }

    @Test
    void lintRefusesToWriteTheReportOverThePlaybookItLints() throws IOException {
        Path file = write("playbook.yaml", INVALID);
        Run run = upbook("lint", file.toString(), "-o", file.toString());
        assertEquals(new Run(2, "", "upbook: --output " + file + " would overwrite the playbook " + file
                + " being linted; write the report to another file\n"), run);
        assertEquals(INVALID, Files.readString(file));
    }

    @Test
    void lintRefusesToOverwriteAPlaybookFoundInADirectoryWhateverThePathSpelling() throws IOException {
        Path file = write("a/product.playbook.yaml", VALID);
        Path sameFile = dir.resolve("a/../a/./product.playbook.yaml");
        Run run = upbook("lint", dir.toString(), "--output", sameFile.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("upbook: --output " + sameFile + " would overwrite the playbook "), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertEquals(VALID, Files.readString(file));
    }

    @Test
    void lintReplacesAnExistingReportWholeAndLeavesNoTemporaryFile() throws IOException {
        Path file = write("playbook.yaml", INVALID);
        Path report = write("out/report.json", "{ \"stale\": true }\n" + "x".repeat(100_000));
        Run run = upbook("lint", file.toString(), "--format", "json", "-o", report.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(upbook("lint", file.toString(), "--format", "json").out(), Files.readString(report));
        try (var files = Files.list(report.getParent())) {
            assertEquals(List.of(report), files.toList());
        }
    }

    @Test
    void debugAddsTheStackTrace() throws IOException {
        Path file = write("playbook.yaml", VALID);
        Run run = upbook("--debug", "lint", file.toString(), "--output", dir.toString());
        assertEquals(74, run.exitCode());
        assertTrue(run.err().startsWith("upbook: cannot write " + dir + ": "), run.err());
        assertTrue(run.err().contains("\tat "), run.err());
        Run afterCommand = upbook("lint", file.toString(), "--output", dir.toString(), "--debug");
        assertTrue(afterCommand.err().contains("\tat "), afterCommand.err());
    }

    // --- usage errors

    @Test
    void anUnknownOptionIsAUsageErrorOnOneLine() {
        Run run = upbook("lint", "--frobnicate", "x");
        assertEquals(new Run(2, "", "upbook: unknown option: '--frobnicate' (see 'upbook lint --help')\n"), run);
    }

    @Test
    void lintWithoutAPathIsAUsageError() {
        Run run = upbook("lint");
        assertEquals(new Run(2, "", "upbook: missing required parameter: 'PATH' (see 'upbook lint --help')\n"), run);
    }

    @Test
    void anUnknownFormatListsTheFormats() {
        Run run = upbook("lint", "--format", "xml", "x");
        assertEquals(new Run(2, "", "upbook: invalid value for option '--format': 'xml' is not a format;"
                + " use one of text, json, sarif, junit, github (see 'upbook lint --help')\n"), run);
    }

    @Test
    void anUnknownCommandSuggestsTheClosestOne() {
        Run run = upbook("lnt", "x");
        assertEquals(new Run(2, "", "upbook: unknown command 'lnt'; did you mean 'lint'? (see 'upbook --help')\n"), run);
    }

    @Test
    void noCommandIsAUsageError() {
        Run run = upbook();
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("upbook: missing command: one of lint, "), run.err());
        assertTrue(run.err().endsWith(", help (see 'upbook --help')\n"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    // --- help, version, completion, schema

    @Test
    void helpListsTheCommandsAndExitCodes() {
        Run run = upbook("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("Usage: upbook [-hV] [--debug] COMMAND\n"), run.out());
        for (String command : new String[] {"lint", "plan", "graph", "explain", "schema", "completion", "help"}) {
            assertTrue(run.out().contains("\n  " + command + " "), command + " in\n" + run.out());
        }
        for (ExitCode code : ExitCode.values()) {
            assertTrue(run.out().contains(code.code() + " ") && run.out().contains(code.meaning().substring(0, 20)),
                    code + " in\n" + run.out());
        }
        assertEquals("", run.err());
    }

    @Test
    void subcommandHelpDescribesItsOptions() {
        Run run = upbook("help", "lint");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("Usage: upbook lint "), run.out());
        assertTrue(run.out().contains("text, json, sarif, junit, github"), run.out());
        assertEquals(run.out(), upbook("lint", "--help").out());
    }

    @Test
    void versionNamesUpbookAndJava() {
        Run run = upbook("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("upbook " + UpbookVersion.current() + "\nJava "), run.out());
    }

    @Test
    void completionScriptCoversEveryCommand() {
        Run run = upbook("completion");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("complete -F"), "a bash completion script");
        for (String command : new String[] {"lint", "schema", "completion", "help"}) {
            assertTrue(run.out().contains(command), command);
        }
        assertTrue(run.out().contains("--format"), "options of lint");
        assertTrue(run.out().contains("sarif"), "format names");
    }

    @Test
    void schemaPrintsAJsonDocument() throws IOException {
        Run run = upbook("schema");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(new ObjectMapper().readTree(run.out()).isObject());
    }

    @Test
    void schemaCanBeWrittenToAFile() throws IOException {
        Path file = dir.resolve("schema/upbook.schema.json");
        Run run = upbook("schema", "-o", file.toString());
        assertEquals(new Run(0, "", ""), run);
        assertEquals(upbook("schema").out(), Files.readString(file));
    }

    // --- unexpected failures

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Option(names = "--debug")
        boolean debug;

        @Option(names = "--overflow")
        boolean overflow;

        @Override
        public Integer call() {
            if (overflow) throw new StackOverflowError("deep");
            throw new IllegalStateException("boom");
        }
    }

    /** {@link Boom} with the error handling of every upbook command line. */
    static Run boom(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Upbook.configure(new CommandLine(new Boom()), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(cmd.execute(args), unix(out.toString()), unix(err.toString()));
    }

    @Test
    void anUnexpectedExceptionIsOneLineAndExitCodeSeventy() {
        assertEquals(new Run(70, "", "upbook: internal error: IllegalStateException: boom"
                + " (run with --debug for details; please report it)\n"), boom());
    }

    @Test
    void anUnexpectedExceptionWithDebugShowsTheStackTrace() {
        Run run = boom("--debug");
        assertEquals(70, run.exitCode());
        assertTrue(run.err().startsWith("upbook: internal error: IllegalStateException: boom (please report it)\n"
                + "java.lang.IllegalStateException: boom\n\tat "), run.err());
    }

    @Test
    void anErrorThrownByACommandIsOneLineAndExitCodeSeventy() {
        assertEquals(new Run(70, "", "upbook: internal error: StackOverflowError: deep"
                + " (run with --debug for details; please report it)\n"), boom("--overflow"));
    }

    @Test
    void anErrorThrownByACommandWithDebugShowsTheStackTrace() {
        Run run = boom("--overflow", "--debug");
        assertEquals(70, run.exitCode());
        assertTrue(run.err().startsWith("upbook: internal error: StackOverflowError: deep (please report it)\n"
                + "java.lang.StackOverflowError: deep\n\tat "), run.err());
    }

    @Test
    void mainTurnsAnythingThatEscapesTheCommandLineIntoOneLine() {
        StringWriter err = new StringWriter();
        // a bare command line without upbook's handlers: picocli lets the Error out of execute()
        CommandLine bare = new CommandLine(new Boom()).setErr(new PrintWriter(err, true));
        assertEquals(70, Main.execute(bare, new String[] {"--overflow"}));
        assertEquals("upbook: internal error: StackOverflowError: deep (run with --debug for details; please report it)\n",
                unix(err.toString()));
    }

    @Test
    void mainShowsTheStackTraceOfWhatEscapesWithDebug() {
        StringWriter err = new StringWriter();
        CommandLine bare = new CommandLine(new Boom()).setErr(new PrintWriter(err, true));
        assertEquals(70, Main.execute(bare, new String[] {"--overflow", "--debug"}));
        assertTrue(unix(err.toString()).startsWith("upbook: internal error: StackOverflowError: deep (please report it)\n"
                + "java.lang.StackOverflowError: deep\n\tat "), err.toString());
    }

    @Test
    void anInternalErrorWithoutAMessageIsNamedByItsClass() {
        assertEquals("internal error: OutOfMemoryError (run with --debug for details; please report it)",
                InternalErrors.line(new OutOfMemoryError(), false));
    }

    @Test
    void exceptionsMapToNamedExitCodes() {
        assertEquals(2, new ExceptionExitCodes().getExitCode(new CommandException(ExitCode.USAGE, "x")));
        assertEquals(74, new ExceptionExitCodes().getExitCode(new java.nio.file.NoSuchFileException("x")));
        assertEquals(70, new ExceptionExitCodes().getExitCode(new IllegalStateException()));
    }
}
