package dev.upbook.steps;

/** Step type {@code sql.query}: Runs a query with bound parameters; the scalar result is registered and may be compared. */
public final class SqlQueryStep extends DeclaredStepType {
    public SqlQueryStep() {
        super("sql.query", "Runs a query with bound parameters; the scalar result is registered and may be compared.", STEP_AND_CHECK,
                "Read-only; always safe to repeat.",
                req("url", TEXT, "JDBC URL."),
                opt("user", TEXT, "none", "Database user."),
                opt("password", SECRET, "none", "Database password, as {{ inputs.NAME }} of a secret input."),
                req("sql", TEXT, "The query; its first column of the first row is the result."),
                opt("params", new dev.upbook.spec.model.Type.ListOf(new dev.upbook.spec.model.Type.Any()), "[]", "Bound parameters."),
                opt("expect", TEXT, "none", "As a check: the value the result must equal."));
    }
}
