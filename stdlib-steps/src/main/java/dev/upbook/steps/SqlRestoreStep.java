package dev.upbook.steps;

import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import dev.upbook.steps.internal.SqlConnections;
import dev.upbook.steps.internal.SqlDumpTools;
import dev.upbook.steps.internal.SqliteCopies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Step type {@code sql.restore}: Restores a dump written by sql.backup.
 *
 * <p>The dump's statements run through the database's client: {@code psql --single-transaction
 * --set=ON_ERROR_STOP=1} for PostgreSQL (all or nothing), {@code mariadb} (or {@code mysql}) for
 * MariaDB/MySQL, which stops at the first error but cannot undo DDL already run. The client must be
 * on {@code PATH}, else the step fails naming it. A dump without its trailer is refused before
 * anything runs. The password goes to the client in {@code PGPASSWORD} or an owner-only option file.
 *
 * <p>For a SQLite URL, {@code from} is a copy written by {@code sql.backup}: it is checked intact,
 * then copied beside the database file and renamed over it (the database's {@code -wal} and
 * {@code -shm} files are removed with the replaced file); the database must not be in use.
 *
 * <p>With {@code clean: true} the database is emptied first, so that the restore replaces its
 * content whatever later changes added (a rollback after migrations that created tables): on
 * PostgreSQL every view, table, sequence, routine and enum/domain type of the schema {@code public}
 * (except what extensions own) is dropped inside the restore's single transaction (a failing restore
 * leaves the database as it was; the schema keeps its owner and grants); on MariaDB/MySQL every view and
 * table of the database is dropped before the dump runs (DDL commits at once there: a failing
 * restore leaves it partly restored). SQLite copies replace the whole file anyway.
 *
 * <p>Not idempotent: a dump of tables that already exist fails against them, so the journal guards
 * it.
 */
@StepDefinition(name = "sql.restore", uses = Use.STEP,
        summary = "Restores a dump written by sql.backup.",
        idempotency = "Not idempotent: guarded by the journal.")
public final class SqlRestoreStep extends DeclaredStepType {
    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "JDBC URL of the database.", example = "\"jdbc:postgresql://localhost:5432/arctyk_db\"") String url,
            @Param("Database user.") Optional<String> user,
            @Param(value = "Database password, as {{ inputs.NAME }} of a secret input.", secret = true) Optional<String> password,
            @Param(value = "The dump file.", example = "\"/var/backups/arctyk/arctyk_db-{{ edge.from }}.sql\"") String from,
            @Param(value = "Empty the database first (PostgreSQL: the objects of schema public dropped in the same transaction; "
                    + "MariaDB/MySQL: every table and view dropped), so that the dump replaces everything.", defaultValue = "false")
            boolean clean) {}

    public SqlRestoreStep() {
        super(SqlRestoreStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        With p = SqlRestoreStepBinding.bind(context.parameters());
        Path from = context.workingDirectory().resolve(p.from()).toAbsolutePath().normalize();
        if (SqlConnections.Dialect.of(p.url()).filter(d -> d == SqlConnections.Dialect.SQLITE).isPresent()) {
            Optional<Path> database = SqliteCopies.file(p.url(), context.workingDirectory());
            if (database.isEmpty()) return StepResult.failed("an in-memory SQLite database has no file to restore into");
            if (!SqliteCopies.complete(from)) return StepResult.failed("copy " + from + " is not an intact SQLite database; nothing was restored");
            SqliteCopies.restore(from, database.get());
            return StepResult.succeeded("restored " + from + " as " + database.get());
        }
        SqlDumpTools.Target target;
        try {
            target = SqlDumpTools.target(p.url(), p.user(), p.password());
        } catch (IllegalArgumentException e) {
            return StepResult.failed(context.mask(e.getMessage()));
        }
        if (!Files.isRegularFile(from)) return StepResult.failed("dump " + from + " does not exist");
        if (!SqlDumpTools.complete(from, target.dialect())) {
            return StepResult.failed("dump " + from + " is incomplete (no trailer of the dump tool at its end); nothing was restored");
        }
        try (SqlDumpTools.Command command = SqlDumpTools.restore(target, from, p.clean())) {
            StepResult failure = SqlBackupStep.SqlTools.run(context, command, "restore");
            if (failure != null) return failure;
            return StepResult.succeeded("restored " + from + " into " + target.database() + (p.clean() ? " (emptied first)" : ""));
        } catch (IllegalStateException e) {
            return StepResult.failed(context.mask(e.getMessage()));
        }
    }

    @Override
    public String describe(Parameters parameters) {
        With p = SqlRestoreStepBinding.bind(parameters);
        return "sql.restore: run " + p.from() + " against " + SqlConnections.redact(p.url());
    }
}
