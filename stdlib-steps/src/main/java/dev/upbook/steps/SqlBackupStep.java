package dev.upbook.steps;

import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import dev.upbook.steps.internal.ProcessRunner;
import dev.upbook.steps.internal.ProgramNotStartedException;
import dev.upbook.steps.internal.SqlConnections;
import dev.upbook.steps.internal.SqlDumpTools;
import dev.upbook.steps.internal.SqliteCopies;
import dev.upbook.steps.internal.Texts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * Step type {@code sql.backup}: Dumps a database with pg_dump or mysqldump/mariadb-dump.
 *
 * <p>The dump is plain SQL: {@code pg_dump --format=plain --no-owner} for PostgreSQL,
 * {@code mariadb-dump} (or {@code mysqldump}) {@code --single-transaction --routines --triggers}
 * for MariaDB/MySQL; the tool must be on {@code PATH}, else the step fails naming it and the package
 * to install. The password goes to the tool in {@code PGPASSWORD} or an owner-only option file,
 * never on its command line. The dump is written to a temporary file beside {@code to} and renamed
 * over it only once the tool exited 0 and its trailer is present.
 *
 * <p>A SQLite database is a file: its backup is a consistent copy made by SQLite itself
 * ({@code VACUUM INTO}, one snapshot, fine while the database is in use), written beside {@code to}
 * and renamed over it once SQLite finds the copy intact; {@code sql.restore} puts it back.
 *
 * <p>A complete dump ends with the tool's trailer ({@code -- PostgreSQL database dump complete} /
 * {@code -- Dump completed}), a complete SQLite copy has SQLite's header and passes its quick check;
 * an existing {@code to} that is not complete (an interrupted dump) is dumped anew.
 */
@StepDefinition(name = "sql.backup", uses = Use.STEP,
        summary = "Dumps a database with pg_dump or mysqldump/mariadb-dump, or copies a SQLite database.",
        idempotency = "Done when the dump file exists and is complete (the tool's trailer is present; for SQLite an intact copy).",
        idempotent = true,
        registers = "`{path: String, bytes: Long}`: the dump's absolute path and size.")
public final class SqlBackupStep extends DeclaredStepType {
    private static final int OUTPUT_LIMIT = 65_536;

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "JDBC URL of the database.", example = "\"jdbc:postgresql://localhost:5432/arctyk_db\"") String url,
            @Param("Database user.") Optional<String> user,
            @Param(value = "Database password, as {{ inputs.NAME }} of a secret input.", secret = true) Optional<String> password,
            @Param(value = "The dump file.", example = "\"/var/backups/arctyk/arctyk_db-{{ edge.from }}.sql\"") String to) {}

    public SqlBackupStep() {
        super(SqlBackupStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        With p = SqlBackupStepBinding.bind(context.parameters());
        Path to = context.workingDirectory().resolve(p.to()).toAbsolutePath().normalize();
        if (SqlConnections.Dialect.of(p.url()).filter(d -> d == SqlConnections.Dialect.SQLITE).isPresent()) return sqlite(context, p, to);
        SqlDumpTools.Target target;
        try {
            target = SqlDumpTools.target(p.url(), p.user(), p.password());
        } catch (IllegalArgumentException e) {
            return StepResult.failed(context.mask(e.getMessage()));
        }
        if (SqlDumpTools.complete(to, target.dialect())) {
            return StepResult.succeeded("already up to date: " + to + " is a complete dump", "", registered(to));
        }
        Files.createDirectories(to.getParent());
        Path temp = Files.createTempFile(to.getParent(), "." + to.getFileName() + ".", ".upbook-tmp");
        try (SqlDumpTools.Command command = SqlDumpTools.dump(target, temp)) {
            StepResult failure = SqlTools.run(context, command, "dump");
            if (failure != null) return failure;
            if (!SqlDumpTools.complete(temp, target.dialect())) {
                return StepResult.failed(to + ": the dump tool exited 0 but the dump has no trailer; it is incomplete");
            }
            Files.move(temp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return StepResult.succeeded("dumped " + target.database() + " to " + to + " (" + Files.size(to) + " bytes)", "", registered(to));
        } catch (IllegalStateException e) {
            return StepResult.failed(context.mask(e.getMessage()));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static StepResult sqlite(StepContext context, With p, Path to) throws IOException {
        Optional<Path> database = SqliteCopies.file(p.url(), context.workingDirectory());
        if (database.isEmpty()) return StepResult.failed("an in-memory SQLite database has no file to back up");
        if (!Files.isRegularFile(database.get())) return StepResult.failed("SQLite database " + database.get() + " does not exist");
        if (SqliteCopies.complete(to)) return StepResult.succeeded("already up to date: " + to + " is a complete copy", "", registered(to));
        Files.createDirectories(to.getParent());
        Path temp = to.resolveSibling("." + to.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".upbook-tmp");
        try {
            SqliteCopies.copy(database.get(), temp);
            if (!SqliteCopies.complete(temp)) return StepResult.failed(to + ": SQLite's copy of " + database.get() + " is not intact");
            Files.move(temp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return StepResult.succeeded("copied SQLite database " + database.get() + " to " + to + " (" + Files.size(to) + " bytes)", "",
                    registered(to));
        } catch (java.sql.SQLException e) {
            return StepResult.failed(context.mask("cannot copy " + database.get() + ": " + SqlConnections.describe(e)));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Map<String, Object> registered(Path dump) throws IOException {
        return Map.of("path", dump.toString(), "bytes", Files.size(dump));
    }

    @Override
    public String describe(Parameters parameters) {
        With p = SqlBackupStepBinding.bind(parameters);
        return "sql.backup: dump " + SqlConnections.redact(p.url()) + " to " + p.to();
    }

    /** Runs a dump or client tool for the sql steps and turns its failure into a step result. */
    static final class SqlTools {
        private SqlTools() {}

        /** Null when the tool exited 0; else the failed result, with its stderr as output. */
        static StepResult run(StepContext context, SqlDumpTools.Command command, String what) throws IOException {
            ProcessRunner.Outcome outcome;
            try {
                outcome = ProcessRunner.run(new ProcessRunner.Request(command.argv(), command.environment(), context.workingDirectory(),
                        null, context.timeout().orElse(null), OUTPUT_LIMIT), context);
            } catch (ProgramNotStartedException e) {
                return StepResult.failed(context.mask(e.getMessage()));
            }
            String program = Path.of(command.argv().get(0)).getFileName().toString();
            String output = (outcome.stdout().text() + outcome.stderr().text()).strip();
            if (outcome.timedOut()) return StepResult.failed(context.mask(program + " (" + what + ") timed out"), context.mask(output));
            if (outcome.exitCode() != 0) {
                return StepResult.failed(context.mask(program + " (" + what + ") exited " + outcome.exitCode() + ": "
                        + Texts.lastLine(output, 300)), context.mask(output));
            }
            return null;
        }
    }
}
