package dev.upbook.steps;

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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Step type {@code sql.exec}: Runs SQL statements with bound parameters in one transaction where the database allows.
 *
 * <p>The statements come from {@code sql} (one text or a list) or from {@code file}; a text may hold
 * several statements separated by {@code ;} (quotes, comments, dollar quotes and trigger bodies are
 * respected). Every {@code ?} placeholder is bound, in order across all statements, from
 * {@code params}; the count must match exactly, and values are never spliced into the SQL text. All
 * statements run on one connection in one transaction, committed after the last one and rolled
 * back when any fails. PostgreSQL and SQLite roll back DDL too; MySQL/MariaDB commit implicitly at
 * each DDL statement ({@code CREATE}, {@code ALTER}, {@code DROP}), so only the data statements after
 * the last DDL are rolled back there. The step's {@code timeout} bounds each statement.
 */
@StepDefinition(name = "sql.exec", uses = Use.STEP,
        summary = "Runs SQL statements with bound parameters in one transaction where the database allows.",
        idempotency = "Not idempotent by itself: write idempotent SQL and declare it, or add a guard.",
        registers = "The total number of rows the statements reported as changed, as a Long (DDL counts 0).",
        exactlyOneOf = "sql|file")
public final class SqlExecStep extends DeclaredStepType {
    private static final int SHOWN_SQL_CHARS = 120;
    /** Results of one statement looked at, at most (a guard against a driver that never reports the end). */
    private static final int MAX_RESULTS = 10_000;

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "JDBC URL (postgresql, mariadb/mysql, sqlite).",
                    example = "\"jdbc:postgresql://localhost:5432/arctyk_db\"") String url,
            @Param("Database user.") Optional<String> user,
            @Param(value = "Database password, as {{ inputs.NAME }} of a secret input.", secret = true) Optional<String> password,
            @Param(value = "Statement(s); ? placeholders are bound from params. Give either sql or file.", acceptsSingle = true,
                    example = "\"DELETE FROM django_session WHERE expire_date < now()\"") List<String> sql,
            @Param("Bound parameters.") List<Object> params,
            @Param("Read statements from this file instead of sql (e.g. views.sql).") Optional<String> file) {}

    public SqlExecStep() {
        super(SqlExecStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        With p = SqlExecStepBinding.bind(context.parameters());
        String url = p.url();
        boolean mysql = Dialect.of(url).filter(d -> d == Dialect.MYSQL).isPresent();
        List<SqlScript.Statement> statements;
        try {
            statements = statements(context, p, mysql);
        } catch (NoSuchFileException e) {
            return StepResult.failed(context.mask("SQL file " + e.getFile() + " does not exist"));
        } catch (IllegalArgumentException e) {
            return StepResult.failed(context.mask(e.getMessage()));
        }
        List<Object> params = p.params();
        int placeholders = statements.stream().mapToInt(SqlScript.Statement::placeholders).sum();
        if (statements.isEmpty()) return StepResult.failed("no SQL statement to run: sql and file are empty");
        if (placeholders != params.size()) {
            return StepResult.failed(context.mask("the statements have " + placeholders + " ? placeholder(s) but params has "
                    + params.size() + " value(s); give one value per placeholder, in order"));
        }
        try (Connection connection = SqlConnections.open(url, p.user(), p.password(),
                context.workingDirectory(), context.timeout(), false)) {
            return execute(context, connection, statements, params);
        } catch (SqlConnections.ConnectException e) {
            return StepResult.failed(context.mask(e.getMessage()));
        } catch (SQLException e) {
            return StepResult.failed(context.mask("closing the connection failed: " + SqlConnections.describe(e)));
        }
    }

    /** Runs the statements in one transaction; rolls back on the first failure. */
    private static StepResult execute(StepContext context, Connection connection, List<SqlScript.Statement> statements,
            List<Object> params) throws SQLException {
        long changed = 0;
        int next = 0;
        for (int i = 0; i < statements.size(); i++) {
            SqlScript.Statement statement = statements.get(i);
            try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
                for (int k = 1; k <= statement.placeholders(); k++, next++) {
                    SqlConnections.bind(prepared, k, params.get(next), "params[" + next + "]");
                }
                context.timeout().ifPresent(t -> setTimeout(prepared, t.toSeconds()));
                changed += updateCount(prepared);
            } catch (SQLException | IllegalArgumentException e) {
                String rollback = rollback(connection);
                String problem = e instanceof SQLException sql ? SqlConnections.describe(sql) : e.getMessage();
                return StepResult.failed(context.mask("statement " + (i + 1) + " of " + statements.size() + " failed: "
                        + problem + "; " + rollback), context.mask(Texts.firstChars(Texts.oneLine(statement.sql()), SHOWN_SQL_CHARS)));
            }
        }
        connection.commit();
        return StepResult.succeeded(statements.size() + " statement(s) committed, " + changed + " row(s) changed", "", changed);
    }

    /** The rows the statement changed (0 for DDL and queries), including those of further results. */
    private static long updateCount(PreparedStatement prepared) throws SQLException {
        boolean resultSet = prepared.execute();
        long changed = 0;
        for (int results = 0; results < MAX_RESULTS; results++) {
            if (!resultSet) {
                int count = prepared.getUpdateCount();
                if (count == -1) return changed;
                changed += count;
            }
            resultSet = prepared.getMoreResults();
        }
        return changed;
    }

    private static void setTimeout(PreparedStatement prepared, long seconds) {
        try {
            prepared.setQueryTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds)));
        } catch (SQLException e) {
            // a driver without statement timeouts: the executor's timeout still applies
        }
    }

    private static String rollback(Connection connection) {
        try {
            connection.rollback();
            return "rolled back";
        } catch (SQLException e) {
            return "the rollback failed too: " + SqlConnections.describe(e);
        }
    }

    private static List<SqlScript.Statement> statements(StepContext context, With p, boolean mysql) throws IOException {
        if (p.file().isPresent()) {
            Path file = context.workingDirectory().resolve(p.file().get());
            return SqlScript.split(Files.readString(file, StandardCharsets.UTF_8), mysql);
        }
        List<SqlScript.Statement> statements = new ArrayList<>();
        for (String text : p.sql()) statements.addAll(SqlScript.split(text, mysql));
        return statements;
    }

    @Override
    public String describe(Parameters parameters) {
        With p = SqlExecStepBinding.bind(parameters);
        String source = p.file().isPresent() ? "statements of " + p.file().get()
                : p.sql().size() == 1 ? Texts.firstChars(Texts.oneLine(p.sql().get(0)), SHOWN_SQL_CHARS)
                : p.sql().size() + " SQL text(s)";
        int params = p.params().size();
        return "sql.exec on " + SqlConnections.redact(p.url()) + ": " + source
                + (params == 0 ? "" : " with " + params + " bound parameter(s)") + ", in one transaction";
    }
}
