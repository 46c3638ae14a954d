package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** sql.exec against a real SQLite file, PostgreSQL and MariaDB. */
class SqlExecStepTests {
    private final SqlExecStep exec = new SqlExecStep();

    @TempDir
    Path dir;

    /** A database with table {@code person(id, name)} and no rows. */
    private String databaseWithTable(TestDatabase database) throws Exception {
        String url = database.newDatabase(dir);
        StepResult created = exec.run(new FakeContext(dir).with("url", url)
                .with("sql", "CREATE TABLE person (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL)"));
        assertEquals(StepResult.Status.SUCCEEDED, created.status(), created.message());
        return url;
    }

    private Object scalar(String url, String sql, Object... params) {
        StepResult result = new SqlQueryStep().run(new FakeContext(dir).with("url", url).with("sql", sql).with("params", List.of(params)));
        assertEquals(StepResult.Status.SUCCEEDED, result.status(), result.message());
        return result.value();
    }

    @Test
    void runsAsAStepOnly() {
        assertTrue(exec.canRun(Use.STEP));
        assertFalse(exec.canRun(Use.CHECK));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void bindsParametersAcrossStatementsAndRegistersTheChangedRows(TestDatabase database) throws Exception {
        String url = databaseWithTable(database);
        StepResult result = exec.run(new FakeContext(dir).with("url", url)
                .with("sql", List.of("INSERT INTO person (id, name) VALUES (?, ?)", "INSERT INTO person (id, name) VALUES (?, ?)"))
                .with("params", List.of(1L, "O'Brien", 2L, "x'); DROP TABLE person; --")));
        assertEquals(StepResult.Status.SUCCEEDED, result.status(), result.message());
        assertEquals("2 statement(s) committed, 2 row(s) changed", result.message());
        assertEquals(2L, result.value());
        assertEquals("O'Brien", scalar(url, "SELECT name FROM person WHERE id = ?", 1L));
        assertEquals("x'); DROP TABLE person; --", scalar(url, "SELECT name FROM person WHERE id = ?", 2L),
                "a value is bound, never spliced into the SQL");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRenderedTemplateBindsToANumberColumn(TestDatabase database) throws Exception {
        String url = databaseWithTable(database);
        StepResult result = exec.run(new FakeContext(dir).with("url", url)
                .with("sql", "INSERT INTO person (id, name) VALUES (?, ?)").with("params", List.of("7", "seven")));
        assertEquals(StepResult.Status.SUCCEEDED, result.status(), result.message());
        assertEquals("seven", scalar(url, "SELECT name FROM person WHERE id = ?", "7"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFailingStatementRollsBackTheEarlierOnes(TestDatabase database) throws Exception {
        String url = databaseWithTable(database);
        exec.run(new FakeContext(dir).with("url", url).with("sql", "INSERT INTO person (id, name) VALUES (1, 'first')"));
        StepResult result = exec.run(new FakeContext(dir).with("url", url)
                .with("sql", "UPDATE person SET name = 'changed'; INSERT INTO person (id, name) VALUES (2, 'second');"
                        + " INSERT INTO person (id, name) VALUES (1, 'duplicate')"));
        assertEquals(StepResult.Status.FAILED, result.status());
        assertTrue(result.message().startsWith("statement 3 of 3 failed: "), result.message());
        assertTrue(result.message().endsWith("; rolled back"), result.message());
        assertEquals("INSERT INTO person (id, name) VALUES (1, 'duplicate')", result.output());
        assertEquals(1L, scalar(url, "SELECT count(*) FROM person"));
        assertEquals("first", scalar(url, "SELECT name FROM person WHERE id = 1"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void runsTheStatementsOfAFile(TestDatabase database) throws Exception {
        String url = databaseWithTable(database);
        Files.writeString(dir.resolve("seed.sql"), String.join("\n",
                "-- seed; with a semicolon in a comment",
                "INSERT INTO person (id, name) VALUES (1, 'semi;colon');",
                "/* block; comment */",
                "INSERT INTO person (id, name) VALUES (?, 'bound');",
                ""));
        StepResult result = exec.run(new FakeContext(dir).with("url", url).with("file", "seed.sql").with("params", List.of(2L)));
        assertEquals(StepResult.Status.SUCCEEDED, result.status(), result.message());
        assertEquals(2L, result.value());
        assertEquals("semi;colon", scalar(url, "SELECT name FROM person WHERE id = 1"));
    }

    @Test
    void placeholdersAndParamsMustMatchBeforeAnythingRuns() throws Exception {
        String url = databaseWithTable(TestDatabase.SQLITE);
        StepResult result = exec.run(new FakeContext(dir).with("url", url)
                .with("sql", List.of("INSERT INTO person (id, name) VALUES (1, 'a')", "INSERT INTO person (id, name) VALUES (?, ?)"))
                .with("params", List.of(2L)));
        assertEquals(StepResult.Status.FAILED, result.status());
        assertEquals("the statements have 2 ? placeholder(s) but params has 1 value(s); give one value per placeholder, in order",
                result.message());
        assertEquals(0L, scalar(url, "SELECT count(*) FROM person"));
    }

    @Test
    void aRelativeSqliteFileResolvesAgainstTheWorkingDirectory() throws Exception {
        StepResult result = exec.run(new FakeContext(dir).with("url", "jdbc:sqlite:app.db").with("sql", "CREATE TABLE t (x INTEGER)"));
        assertEquals(StepResult.Status.SUCCEEDED, result.status(), result.message());
        assertTrue(Files.isRegularFile(dir.resolve("app.db")));
    }

    @Test
    void theSecretPasswordIsMaskedInFailureMessages() throws Exception {
        String password = "s3cret-Pa55";
        String url = EmbeddedPostgresServer.newDatabase();
        StepResult result = exec.run(new FakeContext(dir).secret(password).with("url", url).with("password", password)
                .with("sql", "SELECT CAST(? AS integer)").with("params", List.of(password)));
        assertEquals(StepResult.Status.FAILED, result.status());
        assertTrue(result.message().contains("invalid input syntax for type integer: \"*****\""), result.message());
        assertFalse(result.message().contains(password), result.message());
    }

    @Test
    void aPasswordInTheUrlNeverReachesTheMessage() throws Exception {
        String password = "url-Secret-1";
        StepResult result = exec.run(new FakeContext(dir)
                .with("url", "jdbc:postgresql://127.0.0.1:1/app?user=app&password=" + password)
                .with("sql", "SELECT 1"));
        assertEquals(StepResult.Status.FAILED, result.status());
        assertTrue(result.message().startsWith("cannot connect to jdbc:postgresql://127.0.0.1:1/app?user=app&password=*****: "),
                result.message());
        assertFalse(result.message().contains(password), result.message());
    }

    @Test
    void anUnsupportedDatabaseIsNamedWithTheSupportedOnes() throws Exception {
        StepResult result = exec.run(new FakeContext(dir).with("url", "jdbc:oracle:thin:@db:1521/x").with("sql", "SELECT 1 FROM dual"));
        assertEquals(StepResult.Status.FAILED, result.status());
        assertTrue(result.message().startsWith("'jdbc:oracle:thin:@db:1521/x' is not a JDBC URL of a database upbook supports;"),
                result.message());
    }

    @Test
    void describeRedactsThePasswordAndCountsTheParameters() {
        String described = exec.describe(new Parameters(Map.of("url", "jdbc:mariadb://db/app?password=hunter2",
                "sql", "INSERT INTO t VALUES (?, ?)", "params", List.of(1L, "a"))));
        assertEquals("sql.exec on jdbc:mariadb://db/app?password=*****: INSERT INTO t VALUES (?, ?) with 2 bound parameter(s),"
                + " in one transaction", described);
    }
}
