package dev.upbook.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.upbook.journal.Journal.ReviewRecord;
import dev.upbook.journal.Journal.ReviewState;
import dev.upbook.journal.Journal.RunStatus;
import dev.upbook.journal.Journal;
import dev.upbook.steps.EmbeddedPostgresServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The post-upgrade review, evaluated for real: values captured before the first step (a SQLite
 * count, a file), review items comparing with them, an HTTP server started here, the detected
 * version after each hop, manual items, sign-off and rejection, and the run's resulting state.
 */
class ReviewTests {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Harness h;
    HttpServer http;
    String db;

    @BeforeEach
    void setUp() throws Exception {
        h = new Harness(dir);
        db = "jdbc:sqlite:" + dir.resolve("desk.db");
        try (Connection c = DriverManager.getConnection(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE ticket (id INTEGER PRIMARY KEY, subject TEXT)");
            for (int i = 1; i <= 20; i++) st.execute("INSERT INTO ticket (subject) VALUES ('t" + i + "')");
        }
        Files.writeString(dir.resolve("VERSION"), "1.0.0\n");
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/login", exchange -> {
            byte[] body = "<h1>Sign in</h1> version 1.2.0".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Helpdesk", "osticket");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
    }

    @AfterEach
    void tearDown() {
        http.stop(0);
        h.close();
    }

    private String playbook(String migrateSql, String extraReview) {
        return """
                upbook: 1
                product: { name: desk }
                versions: { scheme: semver, releases: [1.0.0, 1.1.0, 1.2.0] }
                detect: { type: version, with: { file: "%s/VERSION", pattern: '(\\S+)' } }
                capture:
                  - id: tickets
                    title: Tickets before the upgrade
                    check: { type: sql.query, with: { url: "%s", sql: "SELECT count(*) FROM ticket" } }
                rules:
                  - id: minors
                    sequence: minor
                    within: ">=1.0.0 <2.0.0"
                    steps:
                      - id: migrate
                        type: sql.exec
                        with: { url: "%s", sql: "%s" }
                        idempotent: true
                      - id: set-version
                        type: file.write
                        after: [migrate]
                        with: { path: "%s/VERSION", content: "{{ edge.to }}\\n" }
                    review:
                      - id: hop-version
                        title: The hop reached its version
                        target-version: true
                review:
                  - id: version
                    title: The detected version is the target
                    target-version: true
                  - id: tickets-kept
                    title: No ticket lost
                    check: { type: sql.query, with: { url: "%s", sql: "SELECT count(*) FROM ticket" } }
                    expect: { captured: tickets, compare: at-least }
                  - id: login-page
                    title: The login page answers
                    check: { type: http.check, with: { url: "http://127.0.0.1:%d/login", body: "Sign in" } }
                  - id: staff-panel
                    title: Staff panel and a test ticket
                    manual: Log in to the staff panel and open a test ticket.
                %s""".formatted(dir, db, db, migrateSql, dir, db, http.getAddress().getPort(), extraReview);
    }

    private Map<String, ReviewRecord> review() {
        long runId = h.latest().orElseThrow().id();
        return h.journal.review(runId).stream().collect(Collectors.toMap(ReviewRecord::itemId, r -> r));
    }

    @Test
    void aManualItemKeepsTheRunInNeedOfReviewUntilItIsSignedOff() throws Exception {
        h.playbook(playbook("UPDATE ticket SET subject = subject", ""));
        Outcome o = h.run("1.0.0", "1.2.0");
        assertEquals(Outcome.Kind.NEEDS_REVIEW, o.kind(), o.message());
        assertTrue(o.message().contains("review/staff-panel (pending)"), o.message());
        assertEquals(RunStatus.NEEDS_REVIEW, h.latest().orElseThrow().status());
        Map<String, ReviewRecord> items = review();
        assertEquals(ReviewState.PASSED, items.get("review/version").state(), items.toString());
        assertEquals(ReviewState.PASSED, items.get("review/tickets-kept").state(), items.get("review/tickets-kept").detail());
        assertEquals("20 = 20 (at-least) (captured tickets)", items.get("review/tickets-kept").detail());
        assertEquals(ReviewState.PASSED, items.get("review/login-page").state(), items.get("review/login-page").detail());
        JsonNode http = JSON.readTree(items.get("review/login-page").evidenceJson());
        assertEquals(200, http.get("value").get("status").asInt(), "the HTTP status seen is evidence");
        assertEquals(ReviewState.PENDING, items.get("review/staff-panel").state());
        assertEquals("Log in to the staff panel and open a test ticket.", items.get("review/staff-panel").detail());
        assertTrue(h.output.toString().contains("Review:"), h.output.toString());

        Journal.RunRecord run = h.latest().orElseThrow();
        Outcome signed = h.executor(Harness.deadOwner(), new RunControl()).sign(run, "review/staff-panel", true, "Dana Ops",
                "logged in, ticket #4 opens", h.settings);
        assertEquals(Outcome.Kind.SUCCEEDED, signed.kind(), signed.message());
        assertEquals(RunStatus.COMPLETE, h.latest().orElseThrow().status());
        ReviewRecord staff = review().get("review/staff-panel");
        assertEquals(ReviewState.SIGNED_OFF, staff.state());
        assertEquals("Dana Ops", staff.decidedBy().orElseThrow());
        assertEquals("logged in, ticket #4 opens", staff.note());
        Journal.Decision decision = h.journal.decisions(run.id()).get(h.journal.decisions(run.id()).size() - 1);
        assertEquals(Journal.DecisionKind.SIGN_OFF, decision.kind());
        assertEquals("signed off by Dana Ops: logged in, ticket #4 opens", decision.reason());
    }

    @Test
    void aCapturedCountThatDropsFailsTheReviewAndTheRunIsNotComplete() throws Exception {
        h.playbook(playbook("DELETE FROM ticket WHERE id = (SELECT max(id) FROM ticket)", ""));
        Outcome o = h.run("1.0.0", "1.2.0");
        assertEquals(Outcome.Kind.NEEDS_REVIEW, o.kind(), o.message());
        ReviewRecord kept = review().get("review/tickets-kept");
        assertEquals(ReviewState.FAILED, kept.state());
        assertEquals("18 < 20 (at-least) (captured tickets)", kept.detail(), "two hops deleted one ticket each");
        JsonNode evidence = JSON.readTree(kept.evidenceJson());
        assertEquals(18, evidence.get("value").asInt());
        assertEquals(20, evidence.get("expected").asInt());
        assertEquals("tickets", evidence.get("captured").asText());
        assertEquals("at-least", evidence.get("compare").asText());
        List<Journal.CaptureRecord> captures = h.journal.captures(h.latest().orElseThrow().id());
        assertEquals("20", captures.get(0).valueJson());

        // signing off the manual item is not enough while a blocking check failed
        Journal.RunRecord run = h.latest().orElseThrow();
        Outcome signed = h.executor(Harness.deadOwner(), new RunControl()).sign(run, "review/staff-panel", true, "Dana", "", h.settings);
        assertEquals(Outcome.Kind.NEEDS_REVIEW, signed.kind(), signed.message());
        assertTrue(signed.message().contains("review/tickets-kept (failed)"), signed.message());
        // re-evaluating does not help: the tickets are gone
        Outcome again = h.executor(Harness.deadOwner(), new RunControl()).review(h.latest().orElseThrow(), h.book(),
                h.plan("1.0.0", "1.2.0"), h.inputs(Map.of()), h.settings);
        assertEquals(Outcome.Kind.NEEDS_REVIEW, again.kind(), again.message());
        assertEquals(ReviewState.SIGNED_OFF, review().get("review/staff-panel").state(), "the sign-off is kept");
    }

    @Test
    void aRestoredCountPassesWhenTheReviewIsEvaluatedAgain() throws Exception {
        h.playbook(playbook("DELETE FROM ticket WHERE id = (SELECT max(id) FROM ticket)", ""));
        assertEquals(Outcome.Kind.NEEDS_REVIEW, h.run("1.0.0", "1.2.0").kind());
        try (Connection c = DriverManager.getConnection(db); Statement st = c.createStatement()) {
            st.execute("INSERT INTO ticket (subject) VALUES ('restored 1'), ('restored 2')");
        }
        Journal.RunRecord run = h.latest().orElseThrow();
        h.executor(Harness.deadOwner(), new RunControl()).sign(run, "review/staff-panel", true, "Dana", "", h.settings);
        Outcome again = h.executor(Harness.deadOwner(), new RunControl()).review(h.latest().orElseThrow(), h.book(),
                h.plan("1.0.0", "1.2.0"), h.inputs(Map.of()), h.settings);
        assertEquals(Outcome.Kind.SUCCEEDED, again.kind(), again.message());
        assertEquals(RunStatus.COMPLETE, h.latest().orElseThrow().status());
    }

    @Test
    void hopItemsAreCheckedAfterTheirHopWithTheHopsTarget() {
        h.playbook(playbook("UPDATE ticket SET subject = subject", ""));
        h.run("1.0.0", "1.2.0");
        Map<String, ReviewRecord> items = review();
        ReviewRecord first = items.get("review/1.0.0..1.1.0/hop-version");
        ReviewRecord second = items.get("review/1.1.0..1.2.0/hop-version");
        assertEquals(ReviewState.PASSED, first.state(), first.detail());
        assertEquals("detected 1.1.0, the target", first.detail(), "checked right after its hop, before the next one");
        assertEquals(ReviewState.PASSED, second.state(), second.detail());
        assertEquals("1.0.0..1.1.0", first.hop().orElseThrow());
    }

    @Test
    void advisoryFailuresAreReportedButDoNotBlockAndWithinComparesWithATolerance() throws Exception {
        Files.writeString(dir.resolve("size.txt"), "103\n");
        h.playbook(playbook("UPDATE ticket SET subject = subject", """
                  - id: size-close
                    check: { type: file.read, with: { path: "%s/size.txt" } }
                    expect: { value: "100", compare: within, tolerance: 5%% }
                  - id: size-exact
                    severity: advisory
                    check: { type: file.read, with: { path: "%s/size.txt" } }
                    expect: { value: "100" }
                """.formatted(dir, dir)));
        h.run("1.0.0", "1.2.0");
        Map<String, ReviewRecord> items = review();
        assertEquals(ReviewState.PASSED, items.get("review/size-close").state(), items.get("review/size-close").detail());
        assertEquals("103 is 3 from 100, within 5%", items.get("review/size-close").detail());
        assertEquals(ReviewState.FAILED, items.get("review/size-exact").state());
        Journal.RunRecord run = h.latest().orElseThrow();
        Outcome o = h.executor(Harness.deadOwner(), new RunControl()).sign(run, "review/staff-panel", true, "Dana", "", h.settings);
        assertEquals(Outcome.Kind.SUCCEEDED, o.kind(), "an advisory failure does not block: " + o.message());
    }

    @Test
    void aRejectedItemKeepsTheRunInNeedOfReview() throws Exception {
        h.playbook(playbook("UPDATE ticket SET subject = subject", ""));
        h.run("1.0.0", "1.2.0");
        Journal.RunRecord run = h.latest().orElseThrow();
        Outcome o = h.executor(Harness.deadOwner(), new RunControl()).sign(run, "review/staff-panel", false, "Dana",
                "ticket #4 shows a blank page", h.settings);
        assertEquals(Outcome.Kind.NEEDS_REVIEW, o.kind(), o.message());
        assertEquals(ReviewState.REJECTED, review().get("review/staff-panel").state());
        assertEquals(RunStatus.NEEDS_REVIEW, h.latest().orElseThrow().status());
        assertFalse(h.latest().orElseThrow().status().isFinal());
    }

    @Test
    void capturedCountsOnARealPostgreSqlAreComparedAfterTheUpgrade() throws Exception {
        String pg = EmbeddedPostgresServer.newDatabase();
        try (Connection c = DriverManager.getConnection(pg); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE attachment (id serial PRIMARY KEY, name text)");
            st.execute("INSERT INTO attachment (name) SELECT 'file ' || g FROM generate_series(1, 50) g");
        }
        h.playbook("""
                upbook: 1
                product: { name: desk }
                versions: { scheme: semver, releases: [1.0.0, 1.1.0] }
                capture:
                  - id: attachments
                    check: { type: sql.query, with: { url: "%1$s", sql: "SELECT count(*) FROM attachment" } }
                edges:
                  - from: 1.0.0
                    to: 1.1.0
                    steps:
                      - id: prune
                        type: sql.exec
                        with: { url: "%1$s", sql: "DELETE FROM attachment WHERE id = 50" }
                review:
                  - id: all-attachments
                    check: { type: sql.query, with: { url: "%1$s", sql: "SELECT count(*) FROM attachment" } }
                    expect: { captured: attachments }
                  - id: most-attachments
                    check: { type: sql.query, with: { url: "%1$s", sql: "SELECT count(*) FROM attachment" } }
                    expect: { captured: attachments, compare: within, tolerance: 5%% }
                """.formatted(pg));
        Outcome o = h.run("1.0.0", "1.1.0");
        assertEquals(Outcome.Kind.NEEDS_REVIEW, o.kind(), o.message());
        Map<String, ReviewRecord> items = review();
        assertEquals("49 ≠ 50 (captured attachments)", items.get("review/all-attachments").detail());
        assertEquals(ReviewState.FAILED, items.get("review/all-attachments").state());
        assertEquals(ReviewState.PASSED, items.get("review/most-attachments").state(), items.get("review/most-attachments").detail());
        assertEquals("49 is 1 from 50, within 5% (captured attachments)", items.get("review/most-attachments").detail());
    }

    @Test
    void aCapturedValueHoldingASecretComparesEqualAfterAResume() throws Exception {
        Files.writeString(dir.resolve("ost-config.php"), "define('DBPASS', 'pw-9f3c2e71');\ndefine('DBUSER', 'osticket');\n");
        h.playbook("""
                upbook: 1
                product: { name: desk }
                versions: { scheme: semver, releases: [1.0.0, 1.1.0] }
                inputs:
                  db_password: { secret: true }
                capture:
                  - id: config
                    check: { type: file.read, with: { path: "%1$s/ost-config.php" } }
                edges:
                  - from: 1.0.0
                    to: 1.1.0
                    steps:
                      - { id: work, type: effect, with: { name: work }, idempotent: true }
                review:
                  - id: config-kept
                    check: { type: file.read, with: { path: "%1$s/ost-config.php" } }
                    expect: { captured: config }
                """.formatted(dir));
        h.effects.crashes.add("work@after");
        Map<String, String> secret = Map.of("db_password", "pw-9f3c2e71");
        org.junit.jupiter.api.Assertions.assertThrows(Effects.Crash.class, () -> h.run("1.0.0", "1.1.0", secret));
        assertFalse(h.journal.captures(h.latest().orElseThrow().id()).get(0).valueJson().contains("pw-9f3c2e71"),
                "the capture is journaled masked");
        Outcome resumed = h.resume(secret);
        assertEquals(Outcome.Kind.SUCCEEDED, resumed.kind(), resumed.message());
        assertEquals(ReviewState.PASSED, review().get("review/config-kept").state(), review().get("review/config-kept").detail());
    }

    @Test
    void aCaptureThatFailsStopsTheRunBeforeAnyStep() throws Exception {
        h.playbook(playbook("UPDATE ticket SET subject = subject", "").replace("SELECT count(*) FROM ticket\" } }\nrules",
                "SELECT count(*) FROM no_such_table\" } }\nrules"));
        Outcome o = h.run("1.0.0", "1.2.0");
        assertEquals(Outcome.Kind.PRECONDITION_FAILED, o.kind(), o.message());
        assertTrue(o.message().contains("capture tickets:"), o.message());
        assertTrue(h.latest().isEmpty(), "no run was recorded");
    }
}
