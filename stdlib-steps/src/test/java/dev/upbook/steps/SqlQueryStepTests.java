package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.CheckResult;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** sql.query as a step and as a check, against a real SQLite file, PostgreSQL and MariaDB. */
class SqlQueryStepTests {
    private final SqlQueryStep query = new SqlQueryStep();

    @TempDir
    Path dir;

    /** A database with {@code setting(name, value)} holding (1, 'version', '6.1.0') and (2, 'mode', 'live'). */
    private String seeded(TestDatabase database) throws Exception {
        String url = database.newDatabase(dir);
        StepResult seeded = new SqlExecStep().run(new FakeContext(dir).with("url", url).with("sql", List.of(
                "CREATE TABLE setting (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL, value VARCHAR(50))",
                "INSERT INTO setting (id, name, value) VALUES (1, 'version', '6.1.0'), (2, 'mode', 'live')")));
        assertEquals(StepResult.Status.SUCCEEDED, seeded.status(), seeded.message());
        return url;
    }

    private FakeContext context(String url, String sql, Object... params) {
        return new FakeContext(dir).with("url", url).with("sql", sql).with("params", List.of(params));
    }

    @Test
    void runsAsStepAndCheck() {
        assertTrue(query.canRun(Use.STEP));
        assertTrue(query.canRun(Use.CHECK));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void oneRowOfOneColumnRegistersTheScalar(TestDatabase database) throws Exception {
        String url = seeded(database);
        StepResult count = query.run(context(url, "SELECT count(*) FROM setting WHERE id >= ?", 1L));
        assertEquals(StepResult.Status.SUCCEEDED, count.status(), count.message());
        assertEquals(2L, count.value());
        assertEquals("result 2", count.message());
        StepResult text = query.run(context(url, "SELECT value FROM setting WHERE name = ?", "version"));
        assertEquals("6.1.0", text.value());
        assertEquals(null, query.run(context(url, "SELECT NULL")).value());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void otherwiseRegistersTheRowsAsMapsInColumnOrder(TestDatabase database) throws Exception {
        String url = seeded(database);
        StepResult result = query.run(context(url, "SELECT id, name FROM setting ORDER BY id"));
        assertEquals(StepResult.Status.SUCCEEDED, result.status(), result.message());
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("id", 1L);
        first.put("name", "version");
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("id", 2L);
        second.put("name", "mode");
        assertEquals(List.of(first, second), result.value());
        assertEquals(List.of("id", "name"), new ArrayList<>(((List<?>) result.value()).get(0) instanceof Map<?, ?> m
                ? m.keySet().stream().map(String::valueOf).toList() : List.of()));
        assertEquals("result 1 (2 row(s) of 2 column(s))", result.message());
        assertEquals(List.of(), query.run(context(url, "SELECT id FROM setting WHERE id > 99")).value());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void asACheckTheResultMustEqualExpect(TestDatabase database) throws Exception {
        String url = seeded(database);
        CheckResult pass = query.check(context(url, "SELECT value FROM setting WHERE name = ?", "version").with("expect", "6.1.0"));
        assertTrue(pass.passed(), pass.detail());
        assertEquals("result 6.1.0, expected 6.1.0", pass.detail());
        assertEquals("6.1.0", pass.value());
        CheckResult fail = query.check(context(url, "SELECT count(*) FROM setting").with("expect", "3"));
        assertFalse(fail.passed());
        assertEquals("result 2, expected 3", fail.detail());
        assertEquals(2L, fail.value());
        CheckResult noRows = query.check(context(url, "SELECT value FROM setting WHERE id = 99").with("expect", "6.1.0"));
        assertFalse(noRows.passed());
        assertEquals("no rows, expected 6.1.0", noRows.detail());
    }

    @Test
    void numbersCompareByValue() throws Exception {
        String url = seeded(TestDatabase.POSTGRESQL);
        assertTrue(query.check(context(url, "SELECT 1.50::numeric").with("expect", "1.5")).passed());
        assertTrue(query.check(context(url, "SELECT count(*) FROM setting").with("expect", " 2 ")).passed());
        assertTrue(query.check(context(url, "SELECT true").with("expect", "true")).passed());
    }

    @Test
    void withoutExpectTheCheckPassesWhenTheQueryRuns() throws Exception {
        String url = seeded(TestDatabase.SQLITE);
        CheckResult result = query.check(context(url, "SELECT name FROM setting WHERE id = 2"));
        assertTrue(result.passed(), result.detail());
        assertEquals("mode", result.value());
        CheckResult broken = query.check(context(url, "SELECT nope FROM setting"));
        assertFalse(broken.passed());
        assertTrue(broken.detail().startsWith("the query failed: "), broken.detail());
    }

    @Test
    void asAStepAMismatchWithExpectFails() throws Exception {
        String url = seeded(TestDatabase.SQLITE);
        StepResult result = query.run(context(url, "SELECT count(*) FROM setting").with("expect", "5"));
        assertEquals(StepResult.Status.FAILED, result.status());
        assertEquals("result 2, expected 5", result.message());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aQueryCannotChangeData(TestDatabase database) throws Exception {
        String url = seeded(database);
        StepResult result = query.run(context(url, "UPDATE setting SET value = 'x'"));
        assertEquals(StepResult.Status.FAILED, result.status(), result.message());
        assertEquals("6.1.0", query.run(context(url, "SELECT value FROM setting WHERE id = 1")).value());
    }

    @Test
    void rowsAreCapped() throws Exception {
        String url = TestDatabase.POSTGRESQL.newDatabase(dir);
        StepResult result = query.run(context(url, "SELECT g FROM generate_series(1, 250) AS g"));
        assertEquals(SqlQueryStep.MAX_ROWS, ((List<?>) result.value()).size());
        assertEquals("result 1 (first 100 of more row(s) of 1 column(s))", result.message());
    }

    @Test
    void severalStatementsAreRefused() throws Exception {
        String url = seeded(TestDatabase.SQLITE);
        StepResult result = query.run(context(url, "SELECT 1; SELECT 2"));
        assertEquals("sql must hold exactly one query, not 2 statement(s); use sql.exec for several", result.message());
    }

    @Test
    void aMariaDbUserWithAPasswordConnectsAndAWrongPasswordIsMasked() throws Exception {
        String url = TestDatabase.MARIADB.newDatabase(dir);
        String database = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
        EmbeddedMariaDbServer.runAsRoot("CREATE USER 'app'@'localhost' IDENTIFIED BY 'app-Pa55'; GRANT ALL ON " + database + ".* TO 'app'@'localhost'");
        String appUrl = "jdbc:mysql://localhost:" + EmbeddedMariaDbServer.port() + "/" + database;
        StepResult ok = query.run(new FakeContext(dir).secret("app-Pa55").with("url", appUrl).with("user", "app")
                .with("password", "app-Pa55").with("sql", "SELECT current_user()"));
        assertEquals(StepResult.Status.SUCCEEDED, ok.status(), ok.message());
        assertEquals("app@localhost", ok.value(), "the password authenticated the user (not the anonymous one)");
        String wrong = "wr0ng-Pa55";
        CheckResult denied = query.check(new FakeContext(dir).secret(wrong).with("url", appUrl + "?password=" + wrong)
                .with("user", "app").with("password", wrong).with("sql", "SELECT 1"));
        assertFalse(denied.passed());
        assertTrue(denied.detail().contains("Access denied for user 'app'"), denied.detail());
        assertFalse(denied.detail().contains(wrong), denied.detail());
    }
}
