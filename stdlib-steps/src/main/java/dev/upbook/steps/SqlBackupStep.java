package dev.upbook.steps;

/** Step type {@code sql.backup}: Dumps a database with pg_dump or mysqldump/mariadb-dump. */
public final class SqlBackupStep extends DeclaredStepType {
    public SqlBackupStep() {
        super("sql.backup", "Dumps a database with pg_dump or mysqldump/mariadb-dump.", STEP,
                "Done when the dump file exists and is complete (the tool's trailer is present).",
                req("url", TEXT, "JDBC URL of the database."),
                opt("user", TEXT, "none", "Database user."),
                opt("password", SECRET, "none", "Database password, as {{ inputs.NAME }} of a secret input."),
                req("to", TEXT, "The dump file."));
    }
}
