package dev.upbook.steps;

/** Step type {@code sql.restore}: Restores a dump written by sql.backup. */
public final class SqlRestoreStep extends DeclaredStepType {
    public SqlRestoreStep() {
        super("sql.restore", "Restores a dump written by sql.backup.", STEP,
                "Not idempotent: guarded by the journal.",
                req("url", TEXT, "JDBC URL of the database."),
                opt("user", TEXT, "none", "Database user."),
                opt("password", SECRET, "none", "Database password, as {{ inputs.NAME }} of a secret input."),
                req("from", TEXT, "The dump file."));
    }
}
