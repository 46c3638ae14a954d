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
 * over it only once the tool exited 0 and its trailer is present. A SQLite URL is refused (use
 * {@code file.backup} for its file).
 *
 * <p>A complete dump ends with the tool's trailer ({@code -- PostgreSQL database dump complete} /
 * {@code -- Dump completed}); an existing {@code to} without it (an interrupted dump) is dumped anew.
 */
@StepDefinition(name = "sql.backup", uses = Use.STEP,
        summary = "Dumps a database with pg_dump or mysqldump/mariadb-dump.",
        idempotency = "Done when the dump file exists and is complete (the tool's trailer is present).",
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
