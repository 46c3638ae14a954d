package dev.upbook.steps;

/** Step type {@code sql.exec}: Runs SQL statements with bound parameters in one transaction where the database allows. */
public final class SqlExecStep extends DeclaredStepType {
    public SqlExecStep() {
        super("sql.exec", "Runs SQL statements with bound parameters in one transaction where the database allows.", STEP,
                "Not idempotent by itself: write idempotent SQL and declare it, or add a guard.",
                req("url", TEXT, "JDBC URL (postgresql, mariadb/mysql, sqlite)."),
                opt("user", TEXT, "none", "Database user."),
                opt("password", SECRET, "none", "Database password, as {{ inputs.NAME }} of a secret input."),
                opt("sql", TEXT_OR_TEXTS, "[]", "Statement(s); ? placeholders are bound from params. Give either sql or file."),
                opt("params", new dev.upbook.spec.model.Type.ListOf(new dev.upbook.spec.model.Type.Any()), "[]", "Bound parameters."),
                opt("file", TEXT, "none", "Read statements from this file instead of sql (e.g. views.sql)."));
    }

    @Override
    public java.util.List<java.util.List<String>> exactlyOneOf() {
        return java.util.List.of(java.util.List.of("sql", "file"));
    }
}
