package dev.upbook.steps;

import dev.upbook.spec.spi.CheckResult;
import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import dev.upbook.steps.internal.SqlConnections;
import dev.upbook.steps.internal.SqlConnections.Dialect;
import dev.upbook.steps.internal.SqlScript;
import dev.upbook.steps.internal.Texts;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step type {@code sql.query}: Runs a query with bound parameters; the scalar result is registered and may be compared.
 *
 * <p>The query is one statement; its {@code ?} placeholders are bound from {@code params} (the
 * count must match). It runs in a read-only transaction that is rolled back afterwards (PostgreSQL
 * and MariaDB/MySQL refuse writes in it; a SQLite file is opened read-only), so repeating it is safe.
 *
 * <p>The result is the first column of the first row. With {@code expect}, the result must equal it: numbers compare by value ({@code 1} equals
 * {@code 1.0}), anything else by its text ({@code true}, {@code null} for SQL NULL); no row never
 * equals. As a check it passes or fails on that comparison, and without {@code expect} it passes
 * whenever the query runs. As a step a mismatch fails the step.
 */
@StepDefinition(name = "sql.query", uses = {Use.STEP, Use.CHECK},
        summary = "Runs a query with bound parameters; the scalar result is registered and may be compared.",
        idempotency = "Read-only; always safe to repeat.",
        idempotent = true,
        registers = "When the query returns exactly one row of one column, that value itself (a scalar: Long, Double, Boolean, "
                + "String or null); otherwise a list of rows, each a map from column label to value in column order, at most "
                + SqlQueryStep.MAX_ROWS + " rows (the message says when more were cut). Zero rows register an empty list.")
public final class SqlQueryStep extends DeclaredStepType {
    static final int MAX_ROWS = 100;
    private static final int SHOWN_CHARS = 200;

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "JDBC URL.", example = "\"jdbc:postgresql://localhost:5432/arctyk_db\"") String url,
            @Param("Database user.") Optional<String> user,
            @Param(value = "Database password, as {{ inputs.NAME }} of a secret input.", secret = true) Optional<String> password,
            @Param(value = "The query; its first column of the first row is the result.", example = "\"SELECT 1\"") String sql,
            @Param("Bound parameters.") List<Object> params,
            @Param("As a check: the value the result must equal.") Optional<String> expect) {}

    public SqlQueryStep() {
        super(SqlQueryStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) {
        With p = SqlQueryStepBinding.bind(context.parameters());
        Outcome outcome = query(context, p);
        if (outcome.problem != null) return StepResult.failed(context.mask(outcome.problem));
        String detail = context.mask(outcome.describe());
        Optional<String> expected = p.expect();
        if (expected.isPresent() && !outcome.equalsExpected(expected.get())) {
            return StepResult.failed(context.mask(outcome.describe() + ", expected " + expected.get().strip()));
        }
        return StepResult.succeeded(detail, "", outcome.registered());
    }

    @Override
    public CheckResult check(StepContext context) {
        With p = SqlQueryStepBinding.bind(context.parameters());
        Outcome outcome = query(context, p);
        if (outcome.problem != null) return CheckResult.fail(context.mask(outcome.problem));
        Optional<String> expected = p.expect();
        if (expected.isEmpty()) return CheckResult.pass(context.mask(outcome.describe()), outcome.registered());
        String detail = context.mask(outcome.describe() + ", expected " + expected.get().strip());
        return new CheckResult(outcome.equalsExpected(expected.get()), detail, outcome.registered());
    }

    @Override
    public String describe(Parameters parameters) {
        With p = SqlQueryStepBinding.bind(parameters);
        int params = p.params().size();
        return "sql.query on " + SqlConnections.redact(p.url()) + ": "
                + Texts.firstChars(Texts.oneLine(p.sql()), SHOWN_CHARS)
                + (params == 0 ? "" : " with " + params + " bound parameter(s)")
                + p.expect().map(e -> ", expect " + e).orElse("");
    }

    /** The rows read (at most {@link #MAX_ROWS}), whether more were there, or why the query failed. */
    private static final class Outcome {
        final List<Map<String, Object>> rows;
        final int columns;
        final boolean more;
        final String problem;

        Outcome(List<Map<String, Object>> rows, int columns, boolean more, String problem) {
            this.rows = rows;
            this.columns = columns;
            this.more = more;
            this.problem = problem;
        }

        static Outcome failed(String problem) {
            return new Outcome(List.of(), 0, false, problem);
        }

        Object first() {
            return rows.get(0).values().iterator().next();
        }

        Object registered() {
            if (rows.size() == 1 && columns == 1 && !more) return first();
            return rows;
        }

        String describe() {
            if (rows.isEmpty()) return "no rows";
            String result = "result " + Texts.firstChars(String.valueOf(first()), SHOWN_CHARS);
            if (rows.size() == 1 && columns == 1) return result;
            return result + " (" + (more ? "first " + rows.size() + " of more" : String.valueOf(rows.size()))
                    + " row(s) of " + columns + " column(s))";
        }

        boolean equalsExpected(String expected) {
            if (rows.isEmpty()) return false;
            Object value = first();
            String want = expected.strip();
            String got = String.valueOf(value).strip();
            if (got.equals(want)) return true;
            if (value instanceof Number || value instanceof String) {
                try {
                    return new BigDecimal(got).compareTo(new BigDecimal(want)) == 0;
                } catch (NumberFormatException notNumbers) {
                    return false;
                }
            }
            return value instanceof Boolean && got.equalsIgnoreCase(want);
        }
    }

    private static Outcome query(StepContext context, With p) {
        String url = p.url();
        boolean mysql = Dialect.of(url).filter(d -> d == Dialect.MYSQL).isPresent();
        List<SqlScript.Statement> statements;
        try {
            statements = SqlScript.split(p.sql(), mysql);
        } catch (IllegalArgumentException e) {
            return Outcome.failed(e.getMessage());
        }
        if (statements.size() != 1) {
            return Outcome.failed("sql must hold exactly one query, not " + statements.size() + " statement(s); use sql.exec for several");
        }
        SqlScript.Statement statement = statements.get(0);
        List<Object> params = p.params();
        if (statement.placeholders() != params.size()) {
            return Outcome.failed("the query has " + statement.placeholders() + " ? placeholder(s) but params has "
                    + params.size() + " value(s); give one value per placeholder, in order");
        }
        try (Connection connection = SqlConnections.open(url, p.user(), p.password(),
                context.workingDirectory(), context.timeout(), true)) {
            try {
                return read(context, connection, statement.sql(), params);
            } finally {
                connection.rollback();
            }
        } catch (SqlConnections.ConnectException e) {
            return Outcome.failed(e.getMessage());
        } catch (SQLException e) {
            return Outcome.failed("the query failed: " + SqlConnections.describe(e));
        } catch (IllegalArgumentException e) {
            return Outcome.failed(e.getMessage());
        }
    }

    private static Outcome read(StepContext context, Connection connection, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement prepared = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) SqlConnections.bind(prepared, i + 1, params.get(i), "params[" + i + "]");
            prepared.setMaxRows(MAX_ROWS + 1);
            context.timeout().ifPresent(t -> {
                try {
                    prepared.setQueryTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, t.toSeconds())));
                } catch (SQLException e) {
                    // a driver without statement timeouts: the executor's timeout still applies
                }
            });
            if (!prepared.execute()) return Outcome.failed("the statement returned no rows to read; use sql.exec for statements that change data");
            try (ResultSet rows = prepared.getResultSet()) {
                ResultSetMetaData meta = rows.getMetaData();
                int columns = meta.getColumnCount();
                List<Map<String, Object>> read = new ArrayList<>();
                boolean more = false;
                while (rows.next()) {
                    if (read.size() == MAX_ROWS) {
                        more = true;
                        break;
                    }
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= columns; c++) row.put(meta.getColumnLabel(c), SqlConnections.value(rows, c));
                    read.add(Collections.unmodifiableMap(row));
                }
                return new Outcome(List.copyOf(read), columns, more, null);
            }
        }
    }
}
