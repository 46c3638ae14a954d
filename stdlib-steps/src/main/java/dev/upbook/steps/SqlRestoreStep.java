package dev.upbook.steps;

import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.steps.internal.SqlConnections;
import dev.upbook.steps.internal.SqlDumpTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Step type {@code sql.restore}: Restores a dump written by sql.backup.
 *
 * <p>The dump's statements run through the database's client: {@code psql --single-transaction
 * --set=ON_ERROR_STOP=1} for PostgreSQL (all or nothing), {@code mariadb} (or {@code mysql}) for
 * MariaDB/MySQL, which stops at the first error but cannot undo DDL already run. The client must be
 * on {@code PATH}, else the step fails naming it. A dump without its trailer is refused before
 * anything runs. The password goes to the client in {@code PGPASSWORD} or an owner-only option file.
 *
 * <p>Not idempotent: a dump of tables that already exist fails against them, so the journal guards
 * it. {@code register} stores nothing.
 */
public final class SqlRestoreStep extends DeclaredStepType {
    public SqlRestoreStep() {
        super("sql.restore", "Restores a dump written by sql.backup.", STEP,
                "Not idempotent: guarded by the journal.",
                req("url", TEXT, "JDBC URL of the database."),
                opt("user", TEXT, "none", "Database user."),
                opt("password", SECRET, "none", "Database password, as {{ inputs.NAME }} of a secret input."),
                req("from", TEXT, "The dump file."));
    }

    @Override
    public boolean canRun(Use use) {
        return uses().contains(use);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        Parameters p = context.parameters();
        Path from = context.workingDirectory().resolve(p.text("from")).toAbsolutePath().normalize();
        SqlDumpTools.Target target;
        try {
            target = SqlDumpTools.target(p.text("url"), p.optionalText("user"), p.optionalText("password"));
        } catch (IllegalArgumentException e) {
            return StepResult.failed(context.mask(e.getMessage()));
        }
        if (!Files.isRegularFile(from)) return StepResult.failed("dump " + from + " does not exist");
        if (!SqlDumpTools.complete(from, target.dialect())) {
            return StepResult.failed("dump " + from + " is incomplete (no trailer of the dump tool at its end); nothing was restored");
        }
        try (SqlDumpTools.Command command = SqlDumpTools.restore(target, from)) {
            StepResult failure = SqlBackupStep.SqlTools.run(context, command, "restore");
            if (failure != null) return failure;
            return StepResult.succeeded("restored " + from + " into " + target.database());
        } catch (IllegalStateException e) {
            return StepResult.failed(context.mask(e.getMessage()));
        }
    }

    @Override
    public String describe(Parameters parameters) {
        return "sql.restore: run " + parameters.text("from", "(no file)") + " against " + SqlConnections.redact(parameters.text("url", "(no url)"));
    }
}
