package dev.upbook.steps.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.upbook.steps.internal.SqlScript.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTests {

    @Test
    void splitsAtSemicolonsAndCountsPlaceholders() {
        assertEquals(List.of(new Statement("INSERT INTO t VALUES (?, ?)", 2), new Statement("DELETE FROM t WHERE id = ?", 1)),
                SqlScript.split("INSERT INTO t VALUES (?, ?);\n  DELETE FROM t WHERE id = ?;\n;", false));
    }

    @Test
    void quotesAndCommentsHideSemicolonsAndQuestionMarks() {
        String sql = "SELECT 'a;b?', \"c;?\", 'it''s;' -- x; y?\n/* z; ? */ FROM t WHERE a = ?";
        assertEquals(List.of(new Statement(sql, 1)), SqlScript.split(sql, false));
    }

    @Test
    void backslashEscapesAndHashCommentsAreMySqlOnly() {
        assertEquals(List.of(new Statement("SELECT 'a\\';b'", 0)), SqlScript.split("SELECT 'a\\';b'", true));
        assertEquals(2, SqlScript.split("SELECT 'C:\\'; SELECT 2", false).size(), "PostgreSQL keeps backslashes literal");
        assertEquals(1, SqlScript.split("SELECT 1 # ; comment ?\n", true).size());
        assertEquals(0, SqlScript.split("SELECT 1 # ; comment ?\n", true).get(0).placeholders());
    }

    @Test
    void dollarQuotedBodiesStayWhole() {
        String function = "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql";
        assertEquals(List.of(new Statement(function, 0), new Statement("SELECT f()", 0)),
                SqlScript.split(function + ";\nSELECT f();", false));
    }

    @Test
    void triggerBodiesWithoutDollarQuotesStayWhole() {
        String trigger = "CREATE TRIGGER stamp AFTER INSERT ON t BEGIN UPDATE t SET n = CASE WHEN n IS NULL THEN 0 ELSE n END; END";
        assertEquals(List.of(new Statement(trigger, 0), new Statement("INSERT INTO t VALUES (1)", 0)),
                SqlScript.split(trigger + ";\nINSERT INTO t VALUES (1);", true));
    }

    @Test
    void aTransactionBeginIsAnOrdinaryStatement() {
        assertEquals(3, SqlScript.split("BEGIN; UPDATE t SET a = 1; COMMIT;", false).size());
    }

    @Test
    void clientCommandsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SqlScript.split("DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END //", true));
        assertEquals("'DELIMITER' is a command of the mysql or psql client, not SQL; write plain statements separated by ';'", e.getMessage());
    }
}
