package dev.upbook.report.run;

import dev.upbook.journal.Journal;
import dev.upbook.journal.Journal.CaptureRecord;
import dev.upbook.journal.Journal.Decision;
import dev.upbook.journal.Journal.DecisionKind;
import dev.upbook.journal.Journal.Lease;
import dev.upbook.journal.Journal.NewRun;
import dev.upbook.journal.Journal.NewStep;
import dev.upbook.journal.Journal.Owner;
import dev.upbook.journal.Journal.ReviewRecord;
import dev.upbook.journal.Journal.ReviewState;
import dev.upbook.journal.Journal.StepState;
import dev.upbook.journal.Journals;
import dev.upbook.journal.Owners;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A run of a helpdesk upgrade written through the {@link Journal} API into a SQLite journal: four
 * steps (succeeded, succeeded after a retry, failed with on-failure continue, never started), one
 * captured count, review items in every state (failed, passed, pending, signed off, rejected,
 * an advisory failure) and the operator's decisions. Texts carry markup and a URL so that escaping
 * and "no external reference" are tested on real data.
 */
public final class RunReportFixture {
    public static final String INSTALLATION = "prod";
    public static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    public static final String HEALTH_URL = "https://helpdesk.example.test/health?x=1&y=<2>";

    static final String PLAN = """
            {"product":"helpdesk","productTitle":"Help Desk","scheme":"semver","from":"1.16.0","to":"1.18.0","hash":"abc123def4567890",
             "path":["1.16.0","1.17.0","1.18.0"],
             "hops":[{"id":"1.16.0..1.17.0","from":"1.16.0","to":"1.17.0","origin":{"kind":"edge","path":"edges[0]"},"title":"Schema 17","irreversible":false,"notes":[],"breaking":[]},
                     {"id":"1.17.0..1.18.0","from":"1.17.0","to":"1.18.0","origin":{"kind":"edge","path":"edges[1]"},"title":"1.17.0..1.18.0","irreversible":true,"reason":"drops v1 tables","notes":[],"breaking":[]}],
             "preconditions":[],
             "steps":[{"id":"pre/backup","phase":"pre","type":"exec","title":"Back up the database","at":"x"},
                      {"id":"1.16.0..1.17.0/migrate","phase":"edge","hop":"1.16.0..1.17.0","type":"exec","title":"Migrate <schema>","at":"x"},
                      {"id":"post/reindex","phase":"post","type":"exec","title":"Rebuild the search index","at":"x"},
                      {"id":"post/cleanup","phase":"post","type":"exec","title":"","at":"x"},
                      {"id":"review/staff-login","phase":"review","type":"manual","title":"Staff can log in","at":"x"}]}
            """;

    public static final String FAILED_ITEM = "review/1.16.0..1.17.0/tickets-kept";

    private RunReportFixture() {}

    /** Writes the run into a new SQLite journal at {@code file}; returns its id. */
    public static long write(Path file) throws Exception {
        try (Journal journal = Journals.open(file.toString())) {
            Owner alice = Owners.current();
            Lease lease = journal.acquire(INSTALLATION, alice, Duration.ofMinutes(5));
            List<NewStep> steps = List.of(new NewStep(0, "pre/backup", "pre", "exec", "h0", false),
                    new NewStep(1, "1.16.0..1.17.0/migrate", "edge", "exec", "h1", false),
                    new NewStep(2, "post/reindex", "post", "exec", "h2", true),
                    new NewStep(3, "post/cleanup", "post", "exec", "h3", false));
            long runId = journal.createRun(lease, new NewRun(INSTALLATION, "playbooks/helpdesk/playbook.yaml", "helpdesk", "1.16.0",
                    "1.18.0", "abc123def4567890", PLAN, "{}", alice, T0, "test"), steps).id();
            journal.captured(lease, runId, new CaptureRecord("tickets", "Tickets before", "1205", "SELECT count(*) → 1205", T0));
            step(journal, lease, runId, 0, StepState.SUCCEEDED, 0, 2_000, "exit 0", "backup.sql written");
            journal.stepStarted(lease, runId, 1, "i1", T0.plusSeconds(2));
            journal.stepFinished(lease, runId, 1, StepState.FAILED, T0.plusSeconds(3), "exit 1: lock timeout", "ERROR 1205", null);
            journal.release(lease);
            journal.decide(new Decision(runId, INSTALLATION, Optional.of("1.16.0..1.17.0/migrate"), DecisionKind.MARK_RETRY,
                    "the lock was held by a backup job", operator("dave"), T0.plusSeconds(4)));
            lease = journal.acquire(INSTALLATION, alice, Duration.ofMinutes(5));
            step(journal, lease, runId, 1, StepState.SUCCEEDED, 5_000, 12_500, "exit 0", "migrated");
            step(journal, lease, runId, 2, StepState.FAILED, 12_500, 13_250, "exit 3: index <b>broken</b> & stale",
                    "reindex: segment 4 corrupt\nhint: run it by hand");
            review(journal, lease, runId);
            journal.runStatus(lease, runId, Journal.RunStatus.NEEDS_REVIEW, T0.plusSeconds(14), "2 blocking review items need attention");
            journal.release(lease);
            journal.signReview(runId, "review/agents-ok", true, "Bob Reviewer", "agents see their queues",
                    new Decision(runId, INSTALLATION, Optional.of("review/agents-ok"), DecisionKind.SIGN_OFF, "agents see their queues",
                            operator("bob"), T0.plusSeconds(60)));
            journal.signReview(runId, "review/attachments", false, "Carol", "PDFs do not open",
                    new Decision(runId, INSTALLATION, Optional.of("review/attachments"), DecisionKind.REJECT, "PDFs do not open",
                            operator("carol"), T0.plusSeconds(70)));
            return runId;
        }
    }

    /** Writes the run into a new journal in {@code dir} and reads its report back. */
    static RunReport report(Path dir) throws Exception {
        Path db = dir.resolve("journal.db");
        long runId = write(db);
        try (Journal journal = Journals.open(db.toString())) {
            return RunReports.from(journal, runId);
        }
    }

    static String render(RunReport report, RunReportWriter writer) throws java.io.IOException {
        java.io.StringWriter out = new java.io.StringWriter();
        writer.write(report, out);
        return out.toString();
    }

    private static Owner operator(String user) {
        Owner self = Owners.current();
        return new Owner(user, self.host(), self.pid(), self.processStart());
    }

    private static void step(Journal journal, Lease lease, long runId, int seq, StepState state, long fromMs, long toMs,
            String message, String output) throws Exception {
        journal.stepStarted(lease, runId, seq, "i" + seq, T0.plusMillis(fromMs));
        journal.stepFinished(lease, runId, seq, state, T0.plusMillis(toMs), message, output, null);
    }

    private static void review(Journal journal, Lease lease, long runId) throws Exception {
        Instant at = T0.plusSeconds(14);
        List<ReviewRecord> items = List.of(
                item(0, FAILED_ITEM, "No ticket lost", Optional.of("1.16.0..1.17.0"), "blocking", "automated", ReviewState.FAILED,
                        "1203 < 1205", "{\"actual\":1203,\"expected\":1205,\"compare\":\"at-least\",\"captured\":\"tickets\"}", at),
                item(1, "review/health", "Health page answers", Optional.empty(), "blocking", "automated", ReviewState.PASSED,
                        "", "{\"status\":200,\"url\":\"" + HEALTH_URL.replace("\"", "") + "\"}", at),
                item(2, "review/staff-login", "Staff can log in", Optional.empty(), "blocking", "manual", ReviewState.PENDING,
                        "Log in as a staff member", "{}", at),
                item(3, "review/agents-ok", "Agents see their queues", Optional.empty(), "blocking", "manual", ReviewState.PENDING,
                        "Log in as an agent", "{}", at),
                item(4, "review/attachments", "Attachments open", Optional.empty(), "blocking", "manual", ReviewState.PENDING,
                        "Open three old attachments", "{}", at),
                item(5, "review/theme", "Custom theme <kept>", Optional.empty(), "advisory", "automated", ReviewState.FAILED,
                        "theme.css missing", "{\"path\":\"/srv/helpdesk/theme.css\",\"exists\":false}", at));
        for (ReviewRecord item : items) journal.reviewed(lease, runId, item);
    }

    private static ReviewRecord item(int seq, String id, String title, Optional<String> hop, String severity, String kind,
            ReviewState state, String detail, String evidence, Instant at) {
        return new ReviewRecord(seq, id, title, hop, severity, kind, state, detail, evidence, Optional.of(at), Optional.empty(),
                Optional.empty(), "");
    }
}
